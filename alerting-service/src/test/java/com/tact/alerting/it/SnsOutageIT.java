package com.tact.alerting.it;

import static com.tact.alerting.it.CloudFixture.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;

/**
 * The firewall change: the path to SNS is cut (the proxy refuses connections) while 200 alerts arrive. Each is
 * stored; the relay keeps trying with backoff; once the path is back all 200 arrive, each once, in order.
 */
class SnsOutageIT extends AlertingItSupport {

    private final String source = "it-outage-" + UUID.randomUUID();

    @AfterEach
    void restorePath() throws Exception {
        SNS_PATH.restore();
    }

    @Test
    void twoHundredAlertsRaisedWhileSnsIsUnreachableAreAllDeliveredOnceInOrderAfterwards() throws Exception {
        String queue = CloudFixture.subscribe(CloudFixture.ENV + "-alerting-info", "source", source);
        SNS_PATH.cut();

        var raised = new ArrayList<String>();
        for (int i = 0; i < 200; i++) {
            var response = api.raise(new HashMap<>(Map.of("severity", "INFO", "source", source,
                    "dedupKey", source + "-" + i, "title", "Alert " + i, "body", "alert number " + i)));
            assertThat(response.getStatusCode().value()).isEqualTo(202);
            raised.add(AlertingApi.json(response).get("alertId").asString());
        }

        // the relay tried, failed, and recorded why; nothing went out
        await().atMost(CloudFixture.timeout(30)).until(() -> api.alert(raised.getFirst()).get("attempts").asInt(),
                org.hamcrest.Matchers.greaterThanOrEqualTo(2));
        var head = api.alert(raised.getFirst());
        assertThat(head.get("state").asString()).isEqualTo("STORED");
        assertThat(head.get("lastError").asString()).contains("SNS unreachable");
        assertThat(api.history(source)).allMatch(a -> a.get("state").asString().equals("STORED"));
        assertThat(CloudFixture.drain(queue)).isEmpty();
        assertThat(api.get("/actuator/health").getBody()).contains("\"UP\"");
        assertThat(AlertingApi.json(api.get("/actuator/metrics/tact.alerting.outbox.stored")).get("measurements").get(0)
                .get("value").asDouble()).isGreaterThanOrEqualTo(200);
        assertThat(AlertingApi.json(api.get("/actuator/metrics/tact.alerting.outbox.oldest.age")).get("measurements").get(0)
                .get("value").asDouble()).isPositive();

        SNS_PATH.restore();

        var received = new ArrayList<Message>();
        await().atMost(CloudFixture.timeout(90)).untilAsserted(() -> {
            received.addAll(CloudFixture.drain(queue));
            assertThat(received).as("notifications").hasSizeGreaterThanOrEqualTo(200);
        });
        CloudFixture.assertNoMoreArrive(queue, received, 200);
        List<String> delivered = received.stream().map(m -> attribute(m, "alertId")).toList();
        assertThat(delivered).hasSize(200).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(raised);

        List<JsonNode> history = api.history(source);
        assertThat(history).allMatch(a -> a.get("state").asString().equals("PUBLISHED"));
        List<Instant> publishedInIdOrder = history.stream().sorted(Comparator.comparingLong(a -> a.get("seq").asLong()))
                .map(a -> Instant.parse(a.get("publishedAt").asString())).toList();
        assertThat(publishedInIdOrder).isSorted();
    }
}
