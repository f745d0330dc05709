package com.tact.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The operator side: switches, replays, weights, and the refusals of bad input. */
class PartnerConfigIT extends OutboundITSupport {

    private static final Duration E2E = Duration.ofSeconds(30);

    @Test
    void disabledPairIsSuppressedThenReplayedAfterReEnabling() {
        String bucket = OutboxFixture.newBucket();
        outbox.bucket(bucket);
        Instant from = Instant.now().minusSeconds(1);
        assertThat(api.put("/api/partners/custodian-a/buckets/" + bucket + "/switch", "{\"enabled\":false,\"reason\":\"migration\"}")
                .statusCode()).isEqualTo(200);

        UUID event = outbox.allocationsChanged(bucket);
        await().atMost(E2E).untilAsserted(() -> assertThat(java.util.Arrays.asList(outbox.deliveryStatus("custodian-a", event),
                outbox.deliveryStatus("vendor-b", event))).containsExactly("SUPPRESSED", "DELIVERED"));
        assertThat(partner.callsFor("custodian-a", List.of(event))).isEmpty();

        assertThat(api.put("/api/partners/custodian-a/buckets/" + bucket + "/switch", "{\"enabled\":true}").statusCode()).isEqualTo(200);
        var replay = api.post("/api/deliveries/replay",
                "{\"partner\":\"custodian-a\",\"from\":\"" + from + "\",\"to\":\"" + Instant.now().plusSeconds(1) + "\",\"statuses\":[\"SUPPRESSED\"]}");
        assertThat(replay.statusCode()).isEqualTo(202);

        await().atMost(E2E).untilAsserted(() -> assertThat(outbox.deliveryStatus("custodian-a", event)).isEqualTo("DELIVERED"));
        assertThat(partner.acceptedFor("custodian-a", List.of(event))).isEqualTo(1);
        String audit = api.get("/api/partners/custodian-a/audit").body();
        assertThat(audit).contains(bucket).contains("test-admin").contains("\"newValue\":\"{\\\"enabled\\\": false}\"");
        // the change itself is an event in the outbox, written in the same transaction
        assertThat(jdbc.sql("select count(*) from outbox_event where event_type = 'PartnerSwitchChanged' and aggregate_id = ?")
                .param(bucket).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void weightsThreeToOneSplitTrafficThreeToOneAndAChangeRebalances() {
        List<UUID> events = outbox.events("BucketAttributesChanged", 400);
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(outbox.deliveredCount("vendor-b", events)).isEqualTo(400L));

        Map<String, Long> byEndpoint = partner.callsFor("vendor-b", events).stream()
                .filter(c -> c.get("answeredStatus").asInt() == 200)
                .collect(Collectors.groupingBy(c -> c.get("endpoint").asString(), Collectors.counting()));
        assertThat(byEndpoint.get("east")).isBetween(270L, 330L);
        assertThat(byEndpoint.get("west")).isBetween(70L, 130L);

        String base = MOCK_PARTNER.baseUrl();
        assertThat(api.put("/api/partners/vendor-b/endpoints", "[{\"label\":\"east\",\"url\":\"" + base + "/partners/vendor-b/east\",\"weight\":1},"
                + "{\"label\":\"west\",\"url\":\"" + base + "/partners/vendor-b/west\",\"weight\":1}]").statusCode()).isEqualTo(200);
        List<UUID> after = outbox.events("BucketAttributesChanged", 100);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(outbox.deliveredCount("vendor-b", after)).isEqualTo(100L));
        Map<String, Long> rebalanced = partner.callsFor("vendor-b", after).stream()
                .collect(Collectors.groupingBy(c -> c.get("endpoint").asString(), Collectors.counting()));
        assertThat(rebalanced.get("east")).isBetween(35L, 65L);
        assertThat(rebalanced.get("west")).isBetween(35L, 65L);

        // back to the configured 3:1 for the other tests
        api.put("/api/partners/vendor-b/endpoints", "[{\"label\":\"east\",\"url\":\"" + base + "/partners/vendor-b/east\",\"weight\":3},"
                + "{\"label\":\"west\",\"url\":\"" + base + "/partners/vendor-b/west\",\"weight\":1}]");
    }

    @Test
    void aScriptTheMockPartnerRefusesFailsTheTestAtOnce() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> partner.script("custodian-a", "{\"steps\": [not json"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("mock partner answered 400");
    }

    @Test
    void badConfigurationCallsAreClearFourHundreds() {
        String bucket = OutboxFixture.newBucket();
        var unknownBucket = api.put("/api/partners/custodian-a/buckets/" + bucket + "/switch", "{\"enabled\":false}");
        assertThat(unknownBucket.statusCode()).isEqualTo(404);
        assertThat(unknownBucket.body()).contains("unknown bucket");

        assertThat(api.get("/api/partners/nobody").statusCode()).isEqualTo(404);
        var negative = api.put("/api/partners/custodian-a/endpoints",
                "[{\"label\":\"a\",\"url\":\"http://127.0.0.1:1/x\",\"weight\":1},{\"label\":\"b\",\"url\":\"http://127.0.0.1:1/y\",\"weight\":-1}]");
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(negative.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        var problem = tools.jackson.databind.json.JsonMapper.builder().build().readTree(negative.body());
        assertThat(problem.at("/title").asString()).isEqualTo("Invalid configuration");
        assertThat(problem.at("/errors/0/field").asString()).isEqualTo("[1].weight");
        assertThat(problem.at("/errors/0/message").asString()).isEqualTo("weight must be between 0 and 1000: b=-1");
        var allZero = api.put("/api/partners/custodian-a/endpoints", "[{\"label\":\"a\",\"url\":\"http://127.0.0.1:1/x\",\"weight\":0}]");
        assertThat(allZero.statusCode()).isEqualTo(400);
        var ssrf = api.put("/api/partners/custodian-a/endpoints", "[{\"label\":\"meta\",\"url\":\"http://169.254.169.254/latest\",\"weight\":1}]");
        assertThat(ssrf.statusCode()).isEqualTo(400);
        assertThat(ssrf.body()).contains("private or loopback");
        var privateNet = api.put("/api/partners/custodian-a/endpoints", "[{\"label\":\"lan\",\"url\":\"http://10.1.2.3/x\",\"weight\":1}]");
        assertThat(privateNet.statusCode()).isEqualTo(400);
        assertThat(api.getAnonymous("/api/deliveries").statusCode()).isEqualTo(401);
        assertThat(api.get("/api/outbox/backlog").body()).contains("\"pending\"");
        assertThat(api.get("/api/deliveries/custodian-a/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    }
}
