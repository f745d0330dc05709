package com.tact.alerting.it;

import com.tact.testsupport.ServiceProcess;

import com.tact.testsupport.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A stop is bounded: SIGTERM while a publish hangs on an SNS that never answers and the rest of the cloud is gone
 * (as when ./tact stop takes the emulator down first) ends the process within the shutdown timeout and a margin.
 */
class ShutdownIT {

    private static final String TOPIC = CloudFixture.ENV + "-alerting-shutdown-it";

    @Test
    void aSigtermedServiceExitsWithinSecondsWhileSnsHangsAndTheCloudIsUnreachable() throws Exception {
        CloudFixture.topicArn(TOPIC);
        try (var sns = new BlackHole();
             var cloud = new TcpProxy("127.0.0.1", CloudFixture.motoPort());
             var service = ServiceProcess.start(java.nio.file.Path.of(System.getProperty("tact.serviceJar")), "shutdown-it",
                     Map.of("AWS_ENDPOINT_URL", cloud.url()), List.of(
                     "--tact.alerting.sns-endpoint=" + sns.url(),
                     "--tact.alerting.topics.shutdown=" + TOPIC,
                     "--tact.alerting.dedup.group-wait=0s",
                     "--tact.alerting.outbox.poll-interval=100ms"))) {
            service.awaitHealthy(CloudFixture.timeout(120));
            var alert = new HashMap<String, Object>(Map.of("severity", "INFO", "topic", "shutdown",
                    "source", "it-shutdown-" + UUID.randomUUID(), "title", "t", "body", "b"));
            assertThat(new AlertingApi(service.url()).raise(alert).getStatusCode().value()).isEqualTo(202);
            // the relay is now waiting for an answer from SNS that never comes
            await().atMost(CloudFixture.timeout(30)).until(sns::connections, org.hamcrest.Matchers.greaterThanOrEqualTo(1));
            cloud.cut();

            long start = System.nanoTime();
            service.process().destroy(); // SIGTERM
            boolean exited = service.process().waitFor(30, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(exited).as("exited within 30 s; log: %s", tail(service)).isTrue();
            // the default shutdown-timeout (3 s) for the hanging publish, plus the rest of the context and the JVM on a
            // loaded 2-core machine; without the deadline the same stop took over 12 s
            assertThat(took).as("time from SIGTERM to exit; log: %s", tail(service)).isLessThan(Duration.ofSeconds(9));
            assertThat(Files.readString(service.log())).as("the publish was still hanging when the deadline came")
                    .contains("alert relay still publishing after 3000 ms; interrupting it");
        }
    }

    private static String tail(ServiceProcess service) throws java.io.IOException {
        var lines = Files.readAllLines(service.log());
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
}
