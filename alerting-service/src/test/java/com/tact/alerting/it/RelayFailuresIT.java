package com.tact.alerting.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;

/** What the relay does when SNS cannot take an alert: a topic that does not exist, a message SNS refuses. */
class RelayFailuresIT extends AlertingItSupport {

    private final String source = "it-relay-" + UUID.randomUUID();

    @Test
    void aTopicThatDoesNotExistIsRecordedBackedOffAndReportedThenDrainsOnceItIsCreated() {
        String alertId = raise(MISSING_AUDIENCE, "no topic yet");

        await().atMost(CloudFixture.timeout(30)).untilAsserted(() -> {
            JsonNode alert = api.alert(alertId);
            assertThat(alert.get("attempts").asInt()).as("attempts").isGreaterThanOrEqualTo(2);
            assertThat(alert.get("state").asString()).isEqualTo("STORED");
            assertThat(alert.get("lastError").asString()).contains("SNS topic '" + MISSING_TOPIC + "'")
                    .contains("does not exist");
        });
        // backed off (100 ms doubling up to 1 s here), not retried at every 100 ms poll
        int attempts = api.alert(alertId).get("attempts").asInt();
        await().during(CloudFixture.seconds(4)).atMost(CloudFixture.seconds(6)).untilAsserted(() ->
                assertThat(api.alert(alertId).get("attempts").asInt() - attempts).as("attempts in 4 s").isLessThanOrEqualTo(12));
        JsonNode health = AlertingApi.json(api.get("/actuator/health"));
        assertThat(health.get("status").asString()).isEqualTo("UP");
        JsonNode failing = health.at("/components/alertRelay/details/failingTopics/" + MISSING_AUDIENCE);
        assertThat(failing.get("failures").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(failing.get("lastError").asString()).contains("does not exist");
        assertThat(AlertingApi.json(api.get("/actuator/metrics/tact.alerting.outbox.failing?tag=topic:" + MISSING_AUDIENCE))
                .get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(2);

        String queue = CloudFixture.subscribe(MISSING_TOPIC, "source", source);
        var received = new ArrayList<Message>();
        await().atMost(CloudFixture.timeout(30)).untilAsserted(() -> {
            received.addAll(CloudFixture.drain(queue));
            assertThat(received).extracting(m -> CloudFixture.attribute(m, "alertId")).containsExactly(alertId);
        });
        // the subscriber can have the message before the relay has committed PUBLISHED (a fast emulator)
        await().atMost(CloudFixture.timeout(10)).untilAsserted(() ->
                assertThat(api.alert(alertId).get("state").asString()).isEqualTo("PUBLISHED"));
        await().atMost(CloudFixture.timeout(10)).untilAsserted(() -> assertThat(AlertingApi.json(api.get("/actuator/health"))
                .at("/components/alertRelay/details/failingTopics").has(MISSING_AUDIENCE)).isFalse());
    }

    @Test
    void aMessageSnsRefusesIsFailedAndTheRetryEndpointPutsItBackIntoTheOutbox() {
        String alertId = raise(REFUSING_AUDIENCE, "refused");

        await().atMost(CloudFixture.timeout(30)).untilAsserted(() -> {
            JsonNode alert = api.alert(alertId);
            assertThat(alert.get("state").asString()).isEqualTo("FAILED");
            assertThat(alert.get("attempts").asInt()).isEqualTo(1);
            assertThat(alert.get("lastError").asString()).contains("SNS refused the message").contains("MessageGroupId");
        });

        var retried = api.post("/api/alerts/" + alertId + "/retry");
        assertThat(retried.getStatusCode().value()).isEqualTo(200);
        assertThat(AlertingApi.json(retried).get("state").asString()).isEqualTo("STORED");
        // the relay takes it again: SNS still refuses it, and the history counts the second attempt
        await().atMost(CloudFixture.timeout(30)).untilAsserted(() -> {
            JsonNode alert = api.alert(alertId);
            assertThat(alert.get("state").asString()).isEqualTo("FAILED");
            assertThat(alert.get("attempts").asInt()).isEqualTo(2);
        });

        assertThat(api.get("/actuator/prometheus").getBody().lines())
                .anyMatch(l -> l.startsWith("tact_alerting_alerts_failed_total") && Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) >= 2);

        String published = raise("info", "fine");
        await().atMost(CloudFixture.timeout(30)).untilAsserted(() ->
                assertThat(api.alert(published).get("state").asString()).isEqualTo("PUBLISHED"));
        var notFailed = api.post("/api/alerts/" + published + "/retry");
        assertThat(notFailed.getStatusCode().value()).isEqualTo(409);
        assertThat(notFailed.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(notFailed.getBody()).contains("only FAILED alerts can be retried");
        var unknown = api.post("/api/alerts/" + UUID.randomUUID() + "/retry");
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getHeaders().getContentType()).hasToString("application/problem+json");
    }

    private String raise(String audience, String title) {
        var alert = new HashMap<String, Object>(Map.of("severity", "INFO", "topic", audience, "source", source,
                "dedupKey", UUID.randomUUID().toString(), "title", title, "body", "body of " + title));
        var response = api.raise(alert);
        assertThat(response.getStatusCode().value()).isEqualTo(202);
        return AlertingApi.json(response).get("alertId").asString();
    }
}
