package com.tact.alerting.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The packaged service started as its own process (java -jar), on a free port, its output in target/<name>.log. */
final class ServiceProcess implements AutoCloseable {

    final Process process;
    final AlertingApi api;
    final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.api = new AlertingApi("http://127.0.0.1:" + port);
        this.log = log;
    }

    static ServiceProcess start(String name, Map<String, String> environment, List<String> arguments) throws IOException {
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        var command = new ArrayList<>(List.of(java, "-Xmx256m", "-jar", System.getProperty("tact.serviceJar"),
                "--spring.profiles.active=local", "--server.port=" + port));
        command.addAll(arguments);
        Path log = Path.of("target", name + ".log");
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new ServiceProcess(builder.start(), port, log);
    }

    ServiceProcess awaitHealthy() {
        await().atMost(CloudFixture.timeout(120)).ignoreExceptionsMatching(e -> !(e instanceof IllegalStateException))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log);
                    }
                    return api.get("/actuator/health").getStatusCode().is2xxSuccessful();
                });
        return this;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
