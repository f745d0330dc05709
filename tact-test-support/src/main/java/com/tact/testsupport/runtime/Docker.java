package com.tact.testsupport.runtime;

/** Whether a Docker engine answers (Testcontainers' own probe; a fake in the unit tests). */
@FunctionalInterface
interface Docker {

    boolean answers();
}
