package com.tact.testsupport.runtime;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout's root: the first folder upwards from the working directory that holds cloud/resources.json. */
final class Checkout {

    private Checkout() {
    }

    static Path root() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("cloud/resources.json"))) {
                return p;
            }
        }
        throw new IllegalStateException("no cloud/resources.json in " + start + " or above: run the tests from the checkout");
    }
}
