package com.tact.testsupport;

import com.tact.testsupport.runtime.TestRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A packaged service started as its own process ({@code java -jar}, local profile) on a free port, its output in
 * {@code target/<name>.log}: for what only a real process shows (SIGKILL, SIGSTOP, SIGTERM, a restart).
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** @param jar the service's jar (the failsafe configuration passes it as the system property tact.serviceJar) */
    public static ServiceProcess start(Path jar, String name, Map<String, String> environment, List<String> arguments) {
        int port = FreePorts.next();
        String java = ProcessHandle.current().info().command().orElse("java");
        var command = new ArrayList<>(List.of(java, "-Xmx256m", "-jar", jar.toString(), "--spring.profiles.active=local",
                "--server.port=" + port));
        if (arguments.stream().noneMatch(a -> a.startsWith("--tact.security.oidc."))) {
            command.add("--tact.security.oidc.issuer=" + TestIssuer.issuer());   // the test's own issuer
            command.add("--tact.security.oidc.jwk-set-uri=" + TestIssuer.jwkSetUri());
        }
        command.addAll(arguments);
        Path log = jar.resolveSibling(name + ".log");
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(TestRuntime.variables());   // the containers', when TACT_TEST_RUNTIME says so
        builder.environment().putAll(environment);
        try {
            return new ServiceProcess(builder.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ServiceProcess start(String name, List<String> arguments) {
        return start(Path.of(System.getProperty("tact.serviceJar")), name, Map.of(), arguments);
    }

    public ServiceProcess awaitHealthy(Duration atMost) {
        Awaits.until("the health of " + log.getFileName().toString().replace(".log", ""), atMost, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log);
            }
            return healthy();
        }, Boolean::booleanValue);
        return this;
    }

    private boolean healthy() {
        try {
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sends a signal (STOP, CONT, TERM, KILL) with kill(1). */
    public void signal(String signal) {
        try {
            int rc = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
            if (rc != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " exited with " + rc);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log not readable: " + e + ")";
        }
    }

    /** The last lines of the log, for an assertion's message. */
    public String logTail(int lines) {
        var all = logText().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
