package com.tact.testsupport.runtime;

import java.net.URI;

/** Starts a plan's containers and says where they answer (Testcontainers; a fake in the unit tests). */
interface ContainerStarter {

    Started start(ContainerPlan plan);

    record Started(String jdbcUrl, String dbUser, String dbPassword, URI emulatorEndpoint) {
    }
}
