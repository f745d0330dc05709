package com.tact.alerting.it;

import com.tact.testsupport.ServiceProcess;

import com.tact.testsupport.TcpProxy;

import static com.tact.alerting.it.CloudFixture.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.ResourceAccessException;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The packaged service as a process, killed (SIGKILL) in the middle of draining its outbox and started again:
 * nothing is lost. A topic of its own keeps the other ITs' context (still alive in this JVM) out of the way.
 * At-least-once at the crash point: the one alert in flight when the process died may arrive twice.
 */
class RestartIT {

    private static final String TOPIC = CloudFixture.ENV + "-alerting-restart-it";
    private final String source = "it-restart-" + UUID.randomUUID();
    private final List<ServiceProcess> services = new ArrayList<>();

    @AfterEach
    void stop() {
        services.forEach(ServiceProcess::close);
    }

    @Test
    void aServiceKilledWhileDrainingLosesNoAlert() throws Exception {
        CloudFixture.topicArn(TOPIC);
        String queue = CloudFixture.subscribe(TOPIC, "source", source);
        try (var snsPath = new TcpProxy("127.0.0.1", CloudFixture.motoPort())) {
            snsPath.cut();
            ServiceProcess first = start(snsPath, "first");
            var api = new AlertingApi(first.url());

            var raised = new ArrayList<String>();
            for (int i = 0; i < 100; i++) {
                var response = api.raise(new HashMap<>(Map.of("severity", "INFO", "topic", "restart", "source", source,
                        "dedupKey", source + "-" + i, "title", "Alert " + i, "body", "alert number " + i)));
                assertThat(response.getStatusCode().value()).isEqualTo(202);
                raised.add(AlertingApi.json(response).get("alertId").asString());
            }

            snsPath.restore();
            await().atMost(CloudFixture.timeout(60)).until(() -> published(api), greaterThanOrEqualTo(20L));
            long beforeCrash = published(api);
            first.process().destroyForcibly().waitFor();
            assertThat(beforeCrash).as("killed in the middle of draining").isLessThan(100);
            assertThatThrownBy(() -> api.get("/actuator/health")).as("the process is gone: nothing listens on its port")
                    .isInstanceOf(ResourceAccessException.class).hasRootCauseInstanceOf(ConnectException.class)
                    .rootCause().hasMessageContaining("Connection refused");

            var api2 = new AlertingApi(start(snsPath, "second").url());
            await().atMost(CloudFixture.timeout(90)).until(() -> published(api2), equalTo(100L));

            var received = new ArrayList<Message>();
            await().atMost(CloudFixture.timeout(30)).untilAsserted(() -> {
                received.addAll(CloudFixture.drain(queue));
                assertThat(received.stream().map(m -> attribute(m, "alertId")).distinct()).as("distinct alerts received")
                        .hasSize(100);
            });
            // keep draining: a repeat beyond the one alert in flight at the crash may still be on its way
            await().during(CloudFixture.seconds(5)).atMost(CloudFixture.seconds(8)).untilAsserted(() -> {
                received.addAll(CloudFixture.drain(queue));
                assertThat(received).as("notifications").hasSizeLessThanOrEqualTo(101);
            });
            List<String> delivered = received.stream().map(m -> attribute(m, "alertId")).toList();
            assertThat(delivered.stream().distinct()).containsExactlyInAnyOrderElementsOf(raised);
            assertThat(delivered.size()).as("at most the alert in flight at the crash is repeated").isBetween(100, 101);
        }
    }

    private long published(AlertingApi api) {
        return api.history(source).stream().filter(a -> a.get("state").asString().equals("PUBLISHED")).count();
    }

    private ServiceProcess start(TcpProxy snsPath, String name) throws IOException {
        var service = ServiceProcess.start("restart-it-" + name, List.of(
                "--tact.alerting.sns-endpoint=" + snsPath.url(),
                "--tact.alerting.topics.restart=" + TOPIC,
                "--tact.alerting.events.enabled=false",
                "--tact.alerting.dedup.group-wait=0s",
                // slow drain (about 10 alerts/s), so that the kill lands in the middle of it
                "--tact.alerting.outbox.batch-size=1",
                "--tact.alerting.outbox.poll-interval=100ms",
                "--tact.alerting.outbox.initial-backoff=100ms",
                "--tact.alerting.outbox.max-backoff=1s",
                "--tact.alerting.outbox.rate-per-minute=100000"));
        services.add(service);
        return service.awaitHealthy(CloudFixture.timeout(120));
    }
}
