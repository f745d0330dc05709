package com.tact.alerting.it;

import static com.tact.alerting.it.CloudFixture.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The packaged service as a process, killed (SIGKILL) in the middle of draining its outbox and started again:
 * nothing is lost. A topic of its own keeps the other ITs' context (still alive in this JVM) out of the way.
 * At-least-once at the crash point: the one alert in flight when the process died may arrive twice.
 */
class RestartIT {

    private static final String TOPIC = CloudFixture.ENV + "-alerting-restart-it";
    private final String source = "it-restart-" + UUID.randomUUID();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void aServiceKilledWhileDrainingLosesNoAlert() throws Exception {
        CloudFixture.topicArn(TOPIC);
        String queue = CloudFixture.subscribe(TOPIC, "source", source);
        try (var snsPath = new TcpProxy("127.0.0.1", CloudFixture.motoPort())) {
            snsPath.cut();
            int port = freePort();
            Process first = start(port, snsPath, "first");
            var api = new AlertingApi("http://127.0.0.1:" + port);
            awaitHealthy(api, first);

            var raised = new ArrayList<String>();
            for (int i = 0; i < 100; i++) {
                var response = api.raise(new HashMap<>(Map.of("severity", "INFO", "topic", "restart", "source", source,
                        "dedupKey", source + "-" + i, "title", "Alert " + i, "body", "alert number " + i)));
                assertThat(response.getStatusCode().value()).isEqualTo(202);
                raised.add(AlertingApi.json(response).get("alertId").asString());
            }

            snsPath.restore();
            await().atMost(CloudFixture.timeout(60)).until(() -> published(api) >= 20);
            long beforeCrash = published(api);
            first.destroyForcibly().waitFor();
            assertThat(beforeCrash).as("killed in the middle of draining").isLessThan(100);
            assertThat(published(api)).as("the process is gone").isEqualTo(-1);

            int port2 = freePort();
            Process second = start(port2, snsPath, "second");
            var api2 = new AlertingApi("http://127.0.0.1:" + port2);
            awaitHealthy(api2, second);
            await().atMost(CloudFixture.timeout(90)).until(() -> published(api2) == 100);

            var received = new ArrayList<Message>();
            await().atMost(CloudFixture.timeout(30)).until(() -> {
                received.addAll(CloudFixture.drain(queue));
                return received.stream().map(m -> attribute(m, "alertId")).distinct().count() == 100;
            });
            received.addAll(CloudFixture.drain(queue));
            List<String> delivered = received.stream().map(m -> attribute(m, "alertId")).toList();
            assertThat(delivered.stream().distinct()).containsExactlyInAnyOrderElementsOf(raised);
            assertThat(delivered.size()).as("at most the alert in flight at the crash is repeated").isBetween(100, 101);
        }
    }

    private long published(AlertingApi api) {
        try {
            return api.history(source).stream().filter(a -> a.get("state").asString().equals("PUBLISHED")).count();
        } catch (RuntimeException e) {
            return -1; // the process is down
        }
    }

    private Process start(int port, TcpProxy snsPath, String name) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String jar = System.getProperty("tact.serviceJar");
        File log = Path.of("target", "restart-it-" + name + ".log").toFile();
        var process = new ProcessBuilder(java, "-Xmx256m", "-jar", jar,
                "--spring.profiles.active=local",
                "--server.port=" + port,
                "--tact.alerting.sns-endpoint=" + snsPath.url(),
                "--tact.alerting.topics.restart=" + TOPIC,
                "--tact.alerting.events.enabled=false",
                "--tact.alerting.dedup.group-wait=0s",
                // slow drain (about 10 alerts/s), so that the kill lands in the middle of it
                "--tact.alerting.outbox.batch-size=1",
                "--tact.alerting.outbox.poll-interval=100ms",
                "--tact.alerting.outbox.initial-backoff=100ms",
                "--tact.alerting.outbox.max-backoff=1s",
                "--tact.alerting.outbox.rate-per-minute=100000")
                .redirectErrorStream(true).redirectOutput(log).start();
        processes.add(process);
        return process;
    }

    private static void awaitHealthy(AlertingApi api, Process process) {
        await().atMost(CloudFixture.timeout(120)).ignoreExceptionsMatching(e -> !(e instanceof IllegalStateException))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the service exited with " + process.exitValue()
                                + "; see target/restart-it-*.log");
                    }
                    return api.get("/actuator/health").getStatusCode().is2xxSuccessful();
                });
    }

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
