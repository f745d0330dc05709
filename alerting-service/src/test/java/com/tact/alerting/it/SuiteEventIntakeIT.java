package com.tact.alerting.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Whatever a message on the alerting event queue carries, the listener neither dead-letters it nor stops: an
 * event becomes its alert (shortened to the limits where needed), anything else becomes an "unreadable-event"
 * alert, and the message is acknowledged either way. Each message is put on the real queue (or the bus).
 */
class SuiteEventIntakeIT extends AlertingItSupport {

    private static final String EVENTS_QUEUE = CloudFixture.ENV + "-alerting-events";

    /** A message, the source its alert is listed under, and how to recognise that alert. */
    record Hostile(String name, String message, String source, Predicate<JsonNode> alert) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Hostile> hostileMessages() {
        String id = UUID.randomUUID().toString();
        String src = "it-intake-" + id;
        Predicate<JsonNode> event = a -> a.get("originEventId").asString().startsWith(id);
        String truncated = envelope(id + "-t", src, "FileRejected.v1", "{\"key\":\"k\"}");
        String snsWrapped = AlertingApi.JSON.writeValueAsString(Map.of("Type", "Notification",
                "MessageId", UUID.randomUUID().toString(), "TopicArn", "arn:aws:sns:us-east-1:123456789012:x",
                "Message", envelope(id + "-sns", src, "DeliveryDeadLettered.v1", "{\"partner\":\"p-sns\"}")));
        return Stream.of(
                new Hostile("missing detail fields", envelope(id + "-m", src, "FileRejected.v1", "{}"), src,
                        event.and(a -> a.get("title").asString().equals("File rejected: (missing)"))),
                new Hostile("wrong types", envelope(id + "-w", src, "CircuitOpened.v1",
                        "{\"partner\":{\"name\":[1,2]},\"count\":\"x\"}"), src,
                        event.and(a -> a.get("severity").asString().equals("WARNING"))),
                new Hostile("NUL and a lone surrogate", envelope(id + "-n", src, "DeliveryDeadLettered.v1",
                        "{\"partner\":\"a\\u0000b\\ud800\"}"), src,
                        event.and(a -> a.get("title").asString().equals("Delivery dead-lettered for partner a\uFFFDb\uFFFD"))),
                new Hostile("unknown detail-type", envelope(id + "-u", src, "SomethingNew.v7", "{\"x\":1}"), src,
                        event.and(a -> a.get("severity").asString().equals("INFO"))),
                new Hostile("a 5,000 character source and type", envelope(id + "-h", src + "s".repeat(5000),
                        "T".repeat(5000), "{}"), (src + "s".repeat(5000)).substring(0, 127) + "…",
                        event.and(a -> a.get("title").asString().length() <= 200)),
                new Hostile("a 200 kB detail value", envelope(id + "-b", src, "FileRejected.v1",
                        "{\"key\":\"k\",\"reason\":\"" + "r".repeat(200_000) + "\"}"), src,
                        event.and(a -> a.get("bodyBytes").asInt() > 200_000)),
                new Hostile("an SNS envelope around the event", snsWrapped, src,
                        a -> a.get("originEventId").asString().equals(id + "-sns")),
                new Hostile("truncated JSON", truncated.substring(0, truncated.length() / 2), "alerting-service",
                        a -> a.get("title").asString().startsWith("Unreadable")),
                new Hostile("a detail that is not an object", envelope(id + "-s", src, "FileRejected.v1", "\"text\""),
                        "alerting-service", a -> a.get("title").asString().startsWith("Unreadable")),
                new Hostile("250 kB of text that is not JSON", id + " " + "x".repeat(250_000), "alerting-service",
                        a -> a.get("title").asString().startsWith("Unreadable") && a.get("bodyBytes").asInt() < 70_000),
                new Hostile("the JSON null", "null", "alerting-service",
                        a -> a.get("title").asString().startsWith("Unreadable")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileMessages")
    void aHostileMessageIsTakenInAsAnAlertAndAcknowledgedNeverDeadLettered(Hostile hostile) {
        String queue = queueUrl(EVENTS_QUEUE);
        long before = api.history(hostile.source()).size();
        var sent = CloudFixture.SQS.sendMessage(b -> b.queueUrl(queue).messageBody(hostile.message()));

        await().atMost(CloudFixture.timeout(60)).untilAsserted(() -> assertThat(api.history(hostile.source()))
                .as("alerts of %s", hostile.source()).hasSizeGreaterThan((int) before)
                .anySatisfy(a -> assertThat(hostile.alert()).accepts(a)));
        if (hostile.source().equals("alerting-service")) {
            assertThat(api.history("alerting-service")).anySatisfy(a ->
                    assertThat(a.get("originEventId").asString()).isEqualTo("sqs:" + sent.messageId()));
        }
        awaitQueueEmpty(queue);
        assertThat(messages(queueUrl(EVENTS_QUEUE + "-dlq"), "ApproximateNumberOfMessages")).isZero();
        assertThat(api.get("/actuator/health").getBody()).contains("\"UP\"");
    }

    @Test
    void aRejectedFileWhoseKeyMakesTooLongATitleIsAlertedShortenedNotDropped() {
        String key = "incoming/allocations/" + "deep/".repeat(180) + UUID.randomUUID() + ".csv";
        var put = CloudFixture.EVENTS.putEvents(b -> b.entries(e -> e.eventBusName(CloudFixture.ENV + "-tact-events")
                .source("tact.inbound").detailType("FileRejected.v1")
                .detail("{\"bucket\":\"b\",\"key\":\"" + key + "\",\"status\":\"REJECTED\",\"reason\":\"bad\"}")));
        assertThat(put.failedEntryCount()).isZero();
        String eventId = put.entries().getFirst().eventId();

        await().atMost(CloudFixture.timeout(60)).untilAsserted(() -> assertThat(api.history("tact.inbound"))
                .filteredOn(a -> eventId.equals(a.get("originEventId").asString())).singleElement()
                .satisfies(a -> {
                    assertThat(a.get("title").asString()).hasSize(200).startsWith("File rejected: incoming/allocations/deep/");
                    assertThat(a.get("dedupKey").asString()).hasSizeLessThanOrEqualTo(512).startsWith("file-rejected:b/incoming/");
                    assertThat(api.body(a.get("alertId").asString())).contains(key);
                }));
        awaitQueueEmpty(queueUrl(EVENTS_QUEUE));
    }

    @Test
    void anOpenedCircuitOfOutboundBecomesAWarningAlert() {
        String partner = "partner-" + UUID.randomUUID();
        String queue = CloudFixture.subscribe(CloudFixture.ENV + "-alerting-warning", "dedupKey", "circuit-opened:" + partner);

        var put = CloudFixture.EVENTS.putEvents(b -> b.entries(e -> e.eventBusName(CloudFixture.ENV + "-tact-events")
                .source("tact.outbound").detailType("CircuitOpened.v1").detail("{\"partner\": \"" + partner + "\"}")));
        assertThat(put.failedEntryCount()).isZero();

        var received = new java.util.ArrayList<software.amazon.awssdk.services.sqs.model.Message>();
        await().atMost(CloudFixture.timeout(60)).untilAsserted(() -> {
            received.addAll(CloudFixture.drain(queue));
            assertThat(received).as("notifications on the warning topic").isNotEmpty();
        });
        assertThat(CloudFixture.attribute(received.getFirst(), "severity")).isEqualTo("WARNING");
        assertThat(CloudFixture.attribute(received.getFirst(), "topic")).isEqualTo("warning");
        assertThat(CloudFixture.attribute(received.getFirst(), "source")).isEqualTo("tact.outbound");
        assertThat(received.getFirst().body()).contains(partner);
    }

    @Test
    void aChangeOfAPartnersEndpointsIsRoutedByTheRuleAndBecomesAWarningNamingThePartnerAndWho() {
        String partner = "partner-" + UUID.randomUUID();
        String outboxEventId = UUID.randomUUID().toString();
        String queue = CloudFixture.subscribe(CloudFixture.ENV + "-alerting-warning", "dedupKey",
                "partner-endpoints-changed:" + partner + ":" + outboxEventId);

        var put = CloudFixture.EVENTS.putEvents(b -> b.entries(e -> e.eventBusName(CloudFixture.ENV + "-tact-events")
                .source("tact.outbound").detailType("PartnerEndpointsChanged.v1").detail("""
                        {"partner": "%s", "changedBy": "alice", "eventId": "%s",
                         "oldEndpoints": [{"label": "east", "url": "https://east.example/in", "weight": 3}],
                         "newEndpoints": [{"label": "east", "url": "https://moved.example/in", "weight": 1}]}"""
                        .formatted(partner, outboxEventId))));
        assertThat(put.failedEntryCount()).isZero();

        var received = new java.util.ArrayList<software.amazon.awssdk.services.sqs.model.Message>();
        await().atMost(CloudFixture.timeout(60)).untilAsserted(() -> {
            received.addAll(CloudFixture.drain(queue));
            assertThat(received).as("notifications on the warning topic").isNotEmpty();
        });
        CloudFixture.assertNoMoreArrive(queue, received, 1);
        var m = received.getFirst();
        assertThat(CloudFixture.attribute(m, "severity")).isEqualTo("WARNING");
        assertThat(CloudFixture.attribute(m, "source")).isEqualTo("tact.outbound");
        assertThat(m.body()).contains("changed by alice").contains("https://east.example/in").contains("https://moved.example/in");
        var alert = api.history("tact.outbound").stream()
                .filter(a -> a.get("originEventId").asString().equals(put.entries().getFirst().eventId())).toList();
        assertThat(alert).hasSize(1);
        assertThat(alert.getFirst().get("title").asString()).isEqualTo("Endpoints of partner " + partner + " changed by alice");
    }

    private static String envelope(String id, String source, String type, String detail) {
        return """
                {"version":"0","id":"%s","detail-type":"%s","source":"%s","account":"123456789012",
                 "time":"2026-01-01T00:00:00Z","region":"us-east-1","resources":[],"detail":%s}"""
                .formatted(id, type, source, detail);
    }

    private static String queueUrl(String name) {
        return CloudFixture.SQS.getQueueUrl(b -> b.queueName(name)).queueUrl();
    }

    private static long messages(String queue, String attribute) {
        return Long.parseLong(CloudFixture.SQS.getQueueAttributes(b -> b.queueUrl(queue).attributeNamesWithStrings(attribute))
                .attributesAsStrings().get(attribute));
    }

    static void awaitQueueEmpty(String queue) {
        await().atMost(CloudFixture.timeout(30)).untilAsserted(() -> {
            for (String attribute : List.of("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")) {
                assertThat(messages(queue, attribute)).as(attribute).isZero();
            }
        });
    }
}
