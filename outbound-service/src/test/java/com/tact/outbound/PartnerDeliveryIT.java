package com.tact.outbound;

import com.tact.testsupport.Env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import tools.jackson.databind.JsonNode;

/** Outbox row -> relay -> moto EventBridge -> rule -> partner SQS queue -> dispatcher -> mock partner over HTTP. */
class PartnerDeliveryIT extends OutboundITSupport {

    private static final Duration E2E = Duration.ofSeconds(30);

    @Autowired
    SqsAsyncClient sqs;
    @Autowired
    com.tact.outbound.publishing.OutboxRelay relay;
    @Autowired
    com.tact.outbound.dispatch.SecretSource secrets;

    DlqFixture dlq;

    @org.junit.jupiter.api.BeforeEach
    void dlqFixture() {
        dlq = new DlqFixture(sqs);
    }

    @Test
    void aChangeProducesExactlyOneDeliveryToEverySubscribedPartner() {
        UUID event = outbox.allocationsChanged(OutboxFixture.newBucket());

        await().atMost(E2E).untilAsserted(() -> assertThat(java.util.Arrays.asList(outbox.deliveryStatus("custodian-a", event),
                outbox.deliveryStatus("vendor-b", event))).containsOnly("DELIVERED"));

        assertThat(outbox.published(event)).isTrue();
        List<JsonNode> calls = partner.callsFor("custodian-a", List.of(event));
        assertThat(calls).hasSize(1);
        JsonNode body = calls.getFirst().get("body");
        assertThat(body.get("eventType").asString()).isEqualTo("AllocationsChanged");
        assertThat(body.get("data").get("changedKeys").asInt()).isEqualTo(3);
        assertThat(partner.callsFor("vendor-b", List.of(event))).hasSize(1);
        assertThat(outbox.attemptOutcomes("custodian-a", event)).containsExactly("SUCCESS:200");

        // one trace from the outbox row on: the EventBridge detail carries the relay's publish span, a child of the
        // row's trace; the partner's traceparent header names the call's span, deeper in the same trace
        String origin = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        String detailTrace = jdbc.sql("select (message_body::jsonb -> 'detail' ->> 'traceparent') from delivery where partner = ? and event_id = ?")
                .params("custodian-a", event).query(String.class).single();
        assertThat(detailTrace).as("traceparent in the EventBridge detail").startsWith("00-0af7651916cd43dd8448eb211c80319c-")
                .isNotEqualTo(origin);
        String header = calls.getFirst().get("traceparent").asString();
        assertThat(header).as("traceparent header at the partner").startsWith("00-0af7651916cd43dd8448eb211c80319c-")
                .isNotEqualTo(origin).isNotEqualTo(detailTrace);

        // and what operators watch: deliveries by outcome, the breaker's state, the outbox's backlog and age
        String scrape = api.get("/actuator/prometheus").body();
        assertThat(scrape.lines()).anyMatch(l -> l.startsWith("tact_deliveries_total{") && l.contains("partner=\"custodian-a\"")
                && l.contains("status=\"DELIVERED\"") && Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) >= 1);
        assertThat(scrape.lines()).anyMatch(l -> l.startsWith("resilience4j_circuitbreaker_state{") && l.contains("name=\"custodian-a\""));
        assertThat(scrape).contains("tact_outbox_pending", "tact_outbox_oldest_age_seconds", "resilience4j_retry_calls");
        assertThat(api.getAnonymous("/actuator/prometheus").statusCode()).isEqualTo(401);
    }

    @Test
    void partnerFailingThreeTimesThenSucceedingReceivesTheEventOnce() {
        partner.script("custodian-a", "{\"steps\":[{\"status\":500,\"times\":3}]}");
        UUID event = outbox.allocationsChanged(OutboxFixture.newBucket());

        await().atMost(E2E).untilAsserted(() -> assertThat(outbox.deliveryStatus("custodian-a", event)).isEqualTo("DELIVERED"));

        assertThat(outbox.attemptOutcomes("custodian-a", event))
                .containsExactly("HTTP_ERROR:500", "HTTP_ERROR:500", "HTTP_ERROR:500", "SUCCESS:200");
        assertThat(partner.acceptedFor("custodian-a", List.of(event))).isEqualTo(1);
    }

    @Test
    void tokenExpiringMidStreamIsRefreshedAndNothingIsLost() {
        List<UUID> first = outbox.events("AllocationsChanged", 5);
        await().atMost(E2E).untilAsserted(() -> assertThat(outbox.deliveredCount("custodian-a", first)).isEqualTo(5L));
        long tokensBefore = partner.stats("custodian-a").get("tokenRequests").asLong();

        partner.expireTokens("custodian-a");
        List<UUID> second = outbox.events("AllocationsChanged", 5);
        await().atMost(E2E).untilAsserted(() -> assertThat(outbox.deliveredCount("custodian-a", second)).isEqualTo(5L));

        // five calls were refused with the expired token; one of them fetched the new token for all (single flight)
        assertThat(partner.stats("custodian-a").get("tokenRequests").asLong()).isEqualTo(tokensBefore + 1);
        assertThat(partner.stats("custodian-a").get("unauthorized").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(second.stream().flatMap(e -> outbox.attemptOutcomes("custodian-a", e).stream()))
                .contains("UNAUTHORIZED:401")
                .doesNotContain("HTTP_ERROR:401");
        assertThat(partner.acceptedFor("custodian-a", second)).isEqualTo(5);
    }

    @Test
    void tooManyRequestsWaitsForRetryAfter() {
        partner.script("custodian-a", "{\"steps\":[{\"status\":429,\"retryAfterSeconds\":2,\"times\":1}]}");
        UUID event = outbox.allocationsChanged(OutboxFixture.newBucket());

        await().atMost(E2E).untilAsserted(() -> assertThat(outbox.deliveryStatus("custodian-a", event)).isEqualTo("DELIVERED"));

        assertThat(outbox.attemptOutcomes("custodian-a", event)).containsExactly("HTTP_ERROR:429", "SUCCESS:200");
        List<Instant> at = jdbc.sql("select attempted_at from delivery_attempt where partner = 'custodian-a' and event_id = ? order by id")
                .param(event).query((rs, i) -> rs.getTimestamp(1).toInstant()).list();
        assertThat(Duration.between(at.get(0), at.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void circuitOpensWhileThePartnerFailsAndClosesWhenItRecovers() {
        Instant start = jdbc.sql("select now()").query(java.sql.Timestamp.class).single().toInstant();
        partner.script("custodian-a", "{\"steps\":[{\"status\":503,\"forMillis\":2500}]}");
        List<UUID> events = outbox.events("AllocationsChanged", 3);

        await().atMost(E2E).untilAsserted(() -> assertThat(api.get("/api/partners/custodian-a").body()).contains("\"circuit\":\"OPEN\""));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(outbox.deliveredCount("custodian-a", events)).isEqualTo(3L));

        assertThat(resilience.breaker("custodian-a").getState().name()).isIn("CLOSED", "HALF_OPEN");
        await().atMost(E2E).untilAsserted(() -> assertThat(api.get("/api/partners/custodian-a").body()).contains("\"circuit\":\"CLOSED\""));
        assertThat(events.stream().flatMap(e -> outbox.attemptOutcomes("custodian-a", e).stream())).contains("CIRCUIT_OPEN");
        assertThat(partner.acceptedFor("custodian-a", events)).isEqualTo(3);
        assertThat(jdbc.sql("""
                        select count(*) from outbox_event where source = 'tact.outbound' and event_type = 'CircuitOpened'
                           and aggregate_id = 'custodian-a' and created_at >= ?""")
                .param(java.sql.Timestamp.from(start)).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void eventsOfOneBucketReachThePartnerInOrderEvenWhenTheFirstIsHeldBack() {
        // the first call is told to come back after 4 s (longer than the in-process wait): it goes back on the queue
        partner.script("custodian-a", "{\"steps\":[{\"status\":503,\"retryAfterSeconds\":4,\"times\":1}]}");
        String bucket = OutboxFixture.newBucket();
        UUID first = outbox.allocationsChanged(bucket);
        UUID second = outbox.allocationsChanged(bucket);

        await().atMost(E2E).untilAsserted(() -> assertThat(outbox.deliveredCount("custodian-a", List.of(first, second))).isEqualTo(2L));

        List<String> acceptedOrder = partner.callsFor("custodian-a", List.of(first, second)).stream()
                .filter(c -> c.get("answeredStatus").asInt() == 200).map(c -> c.get("idempotencyKey").asString()).toList();
        assertThat(acceptedOrder).containsExactly(first.toString(), second.toString());
        assertThat(outbox.attemptOutcomes("custodian-a", first)).containsExactly("HTTP_ERROR:503", "SUCCESS:200");
        assertThat(outbox.attemptOutcomes("custodian-a", second)).containsExactly("SUCCESS:200");
    }

    @Test
    void partnerRejectingAnEventSendsItToTheDlqWithTheReason() {
        partner.script("custodian-a", "{\"steps\":[{\"status\":422,\"times\":1}]}");
        UUID event = outbox.allocationsChanged(OutboxFixture.newBucket());

        await().atMost(E2E).untilAsserted(() -> assertThat(outbox.deliveryStatus("custodian-a", event)).isEqualTo("DEAD_LETTERED"));

        assertThat(outbox.deliveryError("custodian-a", event)).contains("422");
        assertThat(outbox.attemptOutcomes("custodian-a", event)).containsExactly("HTTP_ERROR:422");
        // the partner's DLQ holds the message itself, with the reason as an attribute
        var dlqMessage = dlq.find("custodian-a", event);
        assertThat(dlqMessage.body()).contains(event.toString()).contains("AllocationsChanged.v1");
        assertThat(dlqMessage.messageAttributes().get(com.tact.outbound.dispatch.PartnerQueues.REASON_ATTRIBUTE).stringValue())
                .startsWith("partner answered 422");
        // operators hear about it: a DeliveryDeadLettered event (alerting-service's rule routes it) is published
        await().atMost(E2E).untilAsserted(() -> assertThat(jdbc.sql("""
                        select count(*) from outbox_event where source = 'tact.outbound' and event_type = 'DeliveryDeadLettered'
                           and payload ->> 'deliveryEventId' = ? and payload ->> 'partner' = 'custodian-a' and published_at is not null""")
                .param(event.toString()).query(Long.class).single()).isEqualTo(1L));
        // the operator replays it once the partner accepts it again
        assertThat(api.post("/api/deliveries/custodian-a/" + event + "/replay", "").statusCode()).isEqualTo(202);
        await().atMost(E2E).untilAsserted(() -> assertThat(outbox.deliveryStatus("custodian-a", event)).isEqualTo("DELIVERED"));
        assertThat(partner.acceptedFor("custodian-a", List.of(event))).isEqualTo(1);
    }

    @Test
    void partnerFailingBeyondTheRetryBudgetEndsInTheDlqAndARedriveDeliversIt() {
        partner.script("custodian-a", "{\"steps\":[{\"status\":500}]}");   // for ever, until re-scripted
        UUID event = outbox.allocationsChanged(OutboxFixture.newBucket());

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(outbox.deliveryStatus("custodian-a", event)).isEqualTo("DEAD_LETTERED"));
        assertThat(outbox.deliveryError("custodian-a", event)).startsWith("retry budget spent (5 receives)");
        assertThat(partner.acceptedFor("custodian-a", List.of(event))).isZero();

        partner.script("custodian-a", "{\"steps\":[]}");
        resilience.breaker("custodian-a").reset();
        var redrive = api.post("/api/partners/custodian-a/dlq/redrive?max=100", "");
        assertThat(redrive.statusCode()).isEqualTo(202);
        await().atMost(E2E).untilAsserted(() -> assertThat(outbox.deliveryStatus("custodian-a", event)).isEqualTo("DELIVERED"));
        assertThat(partner.acceptedFor("custodian-a", List.of(event))).isEqualTo(1);
    }

    @Test
    void partnerSecretCanComeFromSecretsManager() {
        String id = "it/custodian-a/" + UUID.randomUUID();
        secretsClient().createSecret(b -> b.name(id).secretString("from-secrets-manager"));
        assertThat(secrets.secret(id)).isEqualTo("from-secrets-manager");
    }

    private software.amazon.awssdk.services.secretsmanager.SecretsManagerClient secretsClient() {
        return software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.builder()
                .region(software.amazon.awssdk.regions.Region.of(Env.get("AWS_REGION", "us-east-1"))).build();
    }

    @Test
    void malformedMessageIsDeadLetteredWithItsReason() {
        String queueUrl = sqs.getQueueUrl(b -> b.queueName(Env.get("TACT_OUTBOUND_CUSTODIAN_A_QUEUE",
                "local-outbound-custodian-a"))).join().queueUrl();
        String messageId = sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"not\":\"an event\"}")).join().messageId();
        UUID key = UUID.fromString(messageId);

        await().atMost(E2E).untilAsserted(() -> assertThat(outbox.deliveryStatus("custodian-a", key)).isEqualTo("DEAD_LETTERED"));

        assertThat(outbox.deliveryError("custodian-a", key)).startsWith("malformed message");
        assertThat(api.get("/api/partners/custodian-a").body()).contains("dlqVisible");
    }

    @Test
    void relaysRunningConcurrentlyPublishEveryEventOnceAndInCreationOrder() throws Exception {
        // the first relay to take one of these events is held inside PutEvents while four more relays (as on four
        // more instances) drain: only the advisory lock keeps them from publishing the later rows first
        relayCrash.release = new java.util.concurrent.CountDownLatch(1);
        relayCrash.holding.set(false);
        List<UUID> events = outbox.events("AllocationsChanged", 40);
        relayCrash.holdFor = java.util.Set.copyOf(events);
        try {
            await().atMost(E2E).untilAtomic(relayCrash.holding, org.hamcrest.Matchers.is(true));
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
                var runs = java.util.stream.IntStream.range(0, 4).mapToObj(i -> pool.submit(relay::drain)).toList();
                for (var run : runs) {
                    run.get();
                }
            }
        } finally {
            relayCrash.holdFor = java.util.Set.of();
            relayCrash.release.countDown();
        }
        await().atMost(E2E).untilAsserted(() -> assertThat(events.stream().filter(e -> !outbox.published(e)).toList()).isEmpty());
        assertThat(events.stream().map(outbox::attempts)).containsOnly(1);
        List<UUID> order = relayCrash.publishedOrder.stream().filter(events::contains).toList();
        assertThat(order).as("events in the order they reached the bus").containsExactlyElementsOf(events);
        await().atMost(E2E).untilAsserted(() -> assertThat(outbox.deliveredCount("custodian-a", events)).isEqualTo(40L));
        assertThat(partner.acceptedFor("custodian-a", events)).isEqualTo(40);
    }

    @Test
    void relayCrashBetweenPublishAndMarkHasNoDoubleEffectAtThePartner() {
        relayCrash.crashesLeft.set(1);
        int crashedBefore = relayCrash.crashed.get();
        UUID event = outbox.allocationsChanged(OutboxFixture.newBucket());

        await().atMost(E2E).untilAsserted(() -> assertThat(outbox.published(event)).isTrue());
        await().atMost(E2E).untilAsserted(() -> assertThat(outbox.deliveryStatus("custodian-a", event)).isEqualTo("DELIVERED"));

        assertThat(relayCrash.crashed.get()).isEqualTo(crashedBefore + 1);
        assertThat(outbox.attempts(event)).isEqualTo(2);   // published twice: once before the "crash", once after
        // the second copy reaches the queue and is discarded by event id: the partner sees one call
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(partner.callsFor("custodian-a", List.of(event))).hasSize(1));
        assertThat(partner.acceptedFor("vendor-b", List.of(event))).isEqualTo(1);
    }
}
