package com.tact.testsupport.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs cloud/provision.py against the container's endpoint: the same provisioning as ./tact and compose, so the
 * names and settings have one source. Its Python is ./tact's venv (.local/venv, which has boto3) when there, else
 * python3.
 */
final class ScriptProvisioner implements Provisioner {

    @Override
    public void provision(URI endpoint, String env) {
        Path root = Checkout.root();
        Path venv = root.resolve(".local/venv/bin/python");
        String python = Files.isExecutable(venv) ? venv.toString() : "python3";
        var command = List.of(python, root.resolve("cloud/provision.py").toString(), "--endpoint", endpoint.toString(),
                "--env", env);
        try {
            var builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("AWS_ACCESS_KEY_ID", RuntimeSelection.CREDENTIAL);
            builder.environment().put("AWS_SECRET_ACCESS_KEY", RuntimeSelection.CREDENTIAL);
            var process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (it needs python3 with boto3; ./tact"
                        + " creates .local/venv with it):\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning " + endpoint, e);
        }
    }
}
