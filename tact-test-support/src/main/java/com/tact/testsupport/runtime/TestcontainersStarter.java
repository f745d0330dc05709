package com.tact.testsupport.runtime;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Starts the plan with Testcontainers, once per JVM (failsafe forks one JVM per module). The containers live until
 * the JVM ends: a shutdown hook stops them, and Testcontainers' reaper removes them should the JVM die.
 */
final class TestcontainersStarter implements ContainerStarter {

    static final int EMULATOR_PORT = 4566;

    @Override
    public Started start(ContainerPlan plan) {
        var postgres = new PostgreSQLContainer(DockerImageName.parse(plan.postgresImage()))
                .withDatabaseName(RuntimeSelection.DB).withUsername(RuntimeSelection.DB).withPassword(RuntimeSelection.DB)
                // as ./tact starts it: the ITs open many pools and service processes; durability is not tested here
                .withCommand("postgres", "-c", "max_connections=200", "-c", "fsync=off", "-c", "synchronous_commit=off");
        GenericContainer<?> emulator = emulator(plan.emulator());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.stop();
            postgres.stop();
        }, "tact-test-containers-stop"));
        Startables.deepStart(postgres, emulator).join();
        return new Started(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword(),
                URI.create("http://" + address(emulator.getHost()) + ":" + emulator.getMappedPort(EMULATOR_PORT)));
    }

    private static GenericContainer<?> emulator(ContainerPlan.Emulator emulator) {
        GenericContainer<?> container = emulator.image().startsWith("localstack/")
                ? new LocalStackContainer(DockerImageName.parse(emulator.image()))
                // MiniStack answers LocalStack's health path; its image has its own entrypoint, which
                // LocalStackContainer would replace, so it runs as a plain container
                : new GenericContainer<>(DockerImageName.parse(emulator.image())).withExposedPorts(EMULATOR_PORT)
                        .withEnv("BIND_HOST", "0.0.0.0")
                        .waitingFor(Wait.forHttp("/_localstack/health").forPort(EMULATOR_PORT).forStatusCode(200));
        emulator.environment().forEach(container::withEnv);
        return container;
    }

    /** An IP address, as LocalStackContainer gives: the ITs build 127.0.0.1 proxies from the endpoint's port. */
    private static String address(String host) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("cannot resolve the Docker host " + host, e);
        }
    }
}
