package com.tact.alerting.it;

import static com.tact.alerting.it.CloudFixture.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;

class DeduplicationAndSilenceIT extends AlertingItSupport {

    private final String run = UUID.randomUUID().toString();
    private final String source = "it-dedup-" + run;

    @Test
    void aFloodOfIdenticalAlertsBecomesOneNotificationWithACount() {
        String queue = CloudFixture.subscribe(CloudFixture.ENV + "-alerting-critical", "source", source);

        var states = IntStream.range(0, 30).mapToObj(i -> api.raise(alert("CRITICAL", "db-down-" + run)))
                .map(r -> AlertingApi.json(r).get("state").asString()).toList();

        assertThat(states.getFirst()).isEqualTo("STORED");
        var received = new ArrayList<Message>();
        await().atMost(CloudFixture.timeout(30)).untilAsserted(() -> {
            received.addAll(CloudFixture.drain(queue));
            assertThat(received).as("notifications").isNotEmpty();
        });
        // exactly one: keep draining past another group wait and relay backoff, nothing more may arrive
        CloudFixture.assertNoMoreArrive(queue, received, 1);
        int notified = Integer.parseInt(attribute(received.getFirst(), "occurrences"));
        assertThat(states.stream().skip(1)).containsOnly("DEDUPLICATED");
        // the count is what the group wait (2 s here) collected; later duplicates are counted in the history only
        assertThat(notified).isBetween(2, 30);

        var history = api.history(source);
        assertThat(history).hasSize(30);
        JsonNode head = history.getFirst();
        assertThat(head.get("occurrences").asInt()).isEqualTo(30);
        assertThat(history.stream().skip(1).map(a -> a.get("state").asString())).containsOnly("DEDUPLICATED");
        assertThat(history.stream().skip(1).map(a -> a.get("duplicateOf").asString())).containsOnly(head.get("alertId").asString());
    }

    @Test
    void aSilenceMutesMatchingAlertsUntilItIsExpired() {
        String queue = CloudFixture.subscribe(CloudFixture.ENV + "-alerting-warning", "source", source);
        var created = api.createSilence(Map.of("source", source, "dedupKeyPrefix", "maintenance:",
                "endsAt", Instant.now().plusSeconds(3600).toString(), "comment", "database upgrade"));
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        long silenceId = AlertingApi.json(created).get("id").asLong();
        assertThat(AlertingApi.json(created).get("createdBy").asString()).isEqualTo("test-admin");

        var muted = AlertingApi.json(api.raise(alert("WARNING", "maintenance:db-" + run)));
        var other = AlertingApi.json(api.raise(alert("WARNING", "other:db-" + run)));
        assertThat(muted.get("state").asString()).isEqualTo("SILENCED");
        assertThat(muted.get("silenceId").asLong()).isEqualTo(silenceId);
        assertThat(other.get("state").asString()).isEqualTo("STORED");

        assertThat(api.expireSilence(silenceId).getStatusCode().value()).isEqualTo(204);
        var after = AlertingApi.json(api.raise(alert("WARNING", "maintenance:db-" + run)));
        assertThat(after.get("state").asString()).isEqualTo("STORED");

        var received = new ArrayList<Message>();
        await().atMost(CloudFixture.timeout(30)).untilAsserted(() -> {
            received.addAll(CloudFixture.drain(queue));
            assertThat(received).as("notifications").hasSizeGreaterThanOrEqualTo(2);
        });
        CloudFixture.assertNoMoreArrive(queue, received, 2);
        assertThat(received).extracting(m -> attribute(m, "dedupKey")).containsExactlyInAnyOrder("other:db-" + run, "maintenance:db-" + run);
        assertThat(api.alert(muted.get("alertId").asString()).get("state").asString()).isEqualTo("SILENCED");
    }

    @Test
    void aSilenceNeedsAMatcherAndAnEnd() {
        assertThat(api.createSilence(Map.of("endsAt", Instant.now().plusSeconds(60).toString(), "comment", "x"))
                .getStatusCode().value()).isEqualTo(400);
        assertThat(api.createSilence(Map.of("source", source, "comment", "x")).getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void theRateLimitOfATopicHoldsAlertsBackWithoutLosingThem() {
        String queue = CloudFixture.subscribe(RATE_LIMITED_TOPIC, "source", source);
        for (int i = 0; i < 5; i++) {
            var a = alert("INFO", "rate-" + i + "-" + run);
            a.put("topic", RATE_LIMITED_AUDIENCE);
            assertThat(api.raise(a).getStatusCode().value()).isEqualTo(202);
        }

        var received = new ArrayList<Message>();
        await().atMost(CloudFixture.timeout(30)).untilAsserted(() -> {
            received.addAll(CloudFixture.drain(queue));
            assertThat(received).as("notifications").hasSizeGreaterThanOrEqualTo(3);
        });
        await().during(CloudFixture.seconds(3)).atMost(CloudFixture.seconds(5)).untilAsserted(() ->
                assertThat(api.history(source)).as("alerts still STORED")
                        .filteredOn(a -> a.get("state").asString().equals("STORED")).hasSize(2));
        received.addAll(CloudFixture.drain(queue));
        assertThat(received).extracting(m -> attribute(m, "dedupKey")).containsExactly("rate-0-" + run, "rate-1-" + run, "rate-2-" + run);
    }

    @Test
    void aSilenceOfOneTopicMutesThatTopicOnly() {
        String critical = CloudFixture.subscribe(CloudFixture.ENV + "-alerting-critical", "source", source);
        var created = api.createSilence(Map.of("topic", "warning", "source", source,
                "endsAt", Instant.now().plusSeconds(3600).toString(), "comment", "warning topic only"));
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        long silenceId = AlertingApi.json(created).get("id").asLong();

        var onWarning = AlertingApi.json(api.raise(alert("WARNING", "topic-a-" + run)));
        var onCritical = AlertingApi.json(api.raise(alert("CRITICAL", "topic-b-" + run)));
        var warningWithCriticalAudience = alert("WARNING", "topic-c-" + run);
        warningWithCriticalAudience.put("topic", "critical");
        var onCriticalByTopic = AlertingApi.json(api.raise(warningWithCriticalAudience));

        assertThat(onWarning.get("state").asString()).isEqualTo("SILENCED");
        assertThat(onWarning.get("silenceId").asLong()).isEqualTo(silenceId);
        assertThat(onCritical.get("state").asString()).isEqualTo("STORED");
        assertThat(onCriticalByTopic.get("state").asString()).as("the topic matches the audience, not the severity")
                .isEqualTo("STORED");
        var received = new ArrayList<Message>();
        await().atMost(CloudFixture.timeout(30)).untilAsserted(() -> {
            received.addAll(CloudFixture.drain(critical));
            assertThat(received).as("notifications on critical").hasSizeGreaterThanOrEqualTo(2);
        });
        assertThat(received).extracting(m -> attribute(m, "dedupKey"))
                .containsExactlyInAnyOrder("topic-b-" + run, "topic-c-" + run);
        api.expireSilence(silenceId);
    }

    @Test
    void theDedupWindowCountsFromPublicationAndAnAlertAfterItIsNotifiedAgain() throws Exception {
        String queue = CloudFixture.subscribe(CloudFixture.ENV + "-alerting-info", "source", source);
        Duration window = Duration.ofSeconds(DEDUP_WINDOW_SECONDS);
        String key = "window-" + run;
        try {
            SNS_PATH.cut();
            var head = AlertingApi.json(api.raise(alert("INFO", key)));
            assertThat(head.get("state").asString()).isEqualTo("STORED");
            Instant received = Instant.parse(head.get("receivedAt").asString());

            // a window counted from receipt would be over now; the head has not been published, so it still folds
            awaitPast(received.plus(window).plusSeconds(1));
            var whileStored = AlertingApi.json(api.raise(alert("INFO", key)));
            assertThat(whileStored.get("state").asString()).isEqualTo("DEDUPLICATED");
            assertThat(whileStored.get("duplicateOf").asString()).isEqualTo(head.get("alertId").asString());
        } finally {
            SNS_PATH.restore();
        }

        var notifications = new ArrayList<Message>();
        await().atMost(CloudFixture.timeout(30)).untilAsserted(() -> {
            notifications.addAll(CloudFixture.drain(queue));
            assertThat(notifications).as("notifications").isNotEmpty();
        });
        assertThat(attribute(notifications.getFirst(), "occurrences")).isEqualTo("2");
        Instant published = Instant.parse(api.alert(head(key)).get("publishedAt").asString());

        var withinWindow = AlertingApi.json(api.raise(alert("INFO", key)));
        assertThat(withinWindow.get("state").asString()).isEqualTo("DEDUPLICATED");
        assertThat(Instant.parse(withinWindow.get("receivedAt").asString())).isBefore(published.plus(window));

        awaitPast(published.plus(window).plusSeconds(1));
        var afterWindow = AlertingApi.json(api.raise(alert("INFO", key)));
        assertThat(afterWindow.get("state").asString()).isEqualTo("STORED");
        await().atMost(CloudFixture.timeout(30)).untilAsserted(() -> {
            notifications.addAll(CloudFixture.drain(queue));
            assertThat(notifications).as("notifications").hasSizeGreaterThanOrEqualTo(2);
        });
        CloudFixture.assertNoMoreArrive(queue, notifications, 2);
        assertThat(attribute(notifications.get(1), "alertId")).isEqualTo(afterWindow.get("alertId").asString());
    }

    private String head(String dedupKey) {
        return api.history(source).stream().filter(a -> a.get("dedupKey").asString().equals(dedupKey))
                .findFirst().orElseThrow().get("alertId").asString();
    }

    private static void awaitPast(Instant instant) {
        await().atMost(CloudFixture.timeout(30)).untilAsserted(() -> assertThat(Instant.now()).isAfter(instant));
    }

    private Map<String, Object> alert(String severity, String dedupKey) {
        return new java.util.HashMap<>(Map.of("severity", severity, "source", source, "dedupKey", dedupKey,
                "title", "Alert " + dedupKey, "body", "body of " + dedupKey));
    }
}
