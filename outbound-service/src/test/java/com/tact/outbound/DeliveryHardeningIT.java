package com.tact.outbound;

import com.tact.testsupport.Env;
import com.tact.testsupport.PartnerScript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.tact.outbound.config.OutboundProperties;
import com.tact.outbound.dispatch.SecretSource;
import com.tact.outbound.dispatch.http.OAuthTokens;
import com.tact.outbound.ledger.DeliveryLedger;
import com.tact.outbound.ledger.DeliveryStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** Ordering, claims, unexpected errors and the SSRF guard, through the real queues, ledger and partner. */
class DeliveryHardeningIT extends OutboundITSupport {

    private static final Duration E2E = Duration.ofSeconds(45);

    @Autowired
    SqsAsyncClient sqs;
    @Autowired
    DeliveryLedger ledger;
    @Autowired
    MeterRegistry meters;
    @Autowired
    OAuthTokens tokens;
    @Autowired
    SecretSource secrets;

    @Test
    void aSuccessorOfAnEventWhosePartnerIsDownWaitsWithoutUsingUpItsRetryBudget() {
        // the partner turns the first event away five times (longer than the in-process wait, so through the queue):
        // the first event spends its budget and is dead-lettered; the second one waits all that time, then goes out
        partner.script("custodian-a", PartnerScript.respond(503).retryAfterSeconds(4).times(5).json());
        String bucket = OutboxFixture.newBucket();
        UUID first = outbox.allocationsChanged(bucket);
        UUID second = outbox.allocationsChanged(bucket);

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(List.of(String.valueOf(outbox.deliveryStatus("custodian-a", first)),
                String.valueOf(outbox.deliveryStatus("custodian-a", second)))).containsExactly("DEAD_LETTERED", "DELIVERED"));

        assertThat(outbox.deliveryError("custodian-a", first)).startsWith("retry budget spent (5 receives)");
        assertThat(outbox.attemptOutcomes("custodian-a", second)).containsExactly("SUCCESS:200");
        assertThat(partner.acceptedFor("custodian-a", List.of(first, second))).isEqualTo(1);
    }

    @Test
    void aRedriveDeliversTheEventsOfABucketInTheirOrder() {
        partner.script("custodian-a", PartnerScript.respond(422).times(2).json());
        String bucket = OutboxFixture.newBucket();
        UUID first = outbox.allocationsChanged(bucket);
        UUID second = outbox.allocationsChanged(bucket);
        await().atMost(E2E).untilAsserted(() -> assertThat(List.of(String.valueOf(outbox.deliveryStatus("custodian-a", first)),
                String.valueOf(outbox.deliveryStatus("custodian-a", second)))).containsOnly("DEAD_LETTERED"));
        // the DLQ gives its messages back in any order: put the later event first
        DlqFixture dlq = new DlqFixture(sqs);
        List<Message> waiting = takeAllOnceBoth(dlq, first, second);
        Message firstMessage = waiting.stream().filter(m -> m.body().contains(first.toString())).findFirst().orElseThrow();
        Message secondMessage = waiting.stream().filter(m -> m.body().contains(second.toString())).findFirst().orElseThrow();
        dlq.sendToDlq("custodian-a", secondMessage.body());
        dlq.sendToDlq("custodian-a", firstMessage.body());
        waiting.stream().filter(m -> m != firstMessage && m != secondMessage).forEach(m -> dlq.sendToDlq("custodian-a", m.body()));

        assertThat(api.post("/api/partners/custodian-a/dlq/redrive?max=100", "").statusCode()).isEqualTo(202);

        await().atMost(E2E).untilAsserted(() -> assertThat(outbox.deliveredCount("custodian-a", List.of(first, second))).isEqualTo(2L));
        List<String> acceptedOrder = partner.callsFor("custodian-a", List.of(first, second)).stream()
                .filter(c -> c.get("answeredStatus").asInt() == 200).map(c -> c.get("idempotencyKey").asString()).toList();
        assertThat(acceptedOrder).containsExactly(first.toString(), second.toString());
    }

    /** Every DLQ message, once both events' messages are in it. */
    private static List<Message> takeAllOnceBoth(DlqFixture dlq, UUID first, UUID second) {
        dlq.find("custodian-a", first);
        dlq.find("custodian-a", second);
        return dlq.takeAll("custodian-a");
    }

    @Test
    void aRedriveOfAnAlreadyDeliveredEventDoesNotDeliverItAgain() {
        UUID event = outbox.allocationsChanged(OutboxFixture.newBucket());
        await().atMost(E2E).untilAsserted(() -> assertThat(outbox.deliveryStatus("custodian-a", event)).isEqualTo("DELIVERED"));
        String body = ledger.messageBody("custodian-a", event).orElseThrow();
        DlqFixture dlq = new DlqFixture(sqs);
        dlq.sendToDlq("custodian-a", body);

        assertThat(api.post("/api/partners/custodian-a/dlq/redrive?max=100", "").statusCode()).isEqualTo(202);
        assertThat(api.post("/api/deliveries/custodian-a/" + event + "/replay", "").statusCode()).isEqualTo(409);

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(partner.callsFor("custodian-a", List.of(event))).hasSize(1));
        assertThat(outbox.deliveryStatus("custodian-a", event)).isEqualTo("DELIVERED");
    }

    @Test
    void aSlowDeliveryKeepsItsClaimAndItsMessageSoACopyOfTheEventIsNotDeliveredAgain() {
        // the call takes 8 s: twice the claim lease and the message visibility of the test profile (4 s)
        partner.script("custodian-a", PartnerScript.respond(200).delayMs(8000).times(1).json());
        double busyBefore = meters.counter("tact.dispatch.busy").count();
        UUID event = outbox.allocationsChanged(OutboxFixture.newBucket());
        await().atMost(E2E).untilAsserted(() -> assertThat(outbox.deliveryStatus("custodian-a", event)).isEqualTo("IN_FLIGHT"));
        Instant claimed = Instant.now();
        // past the lease: a copy of the event arrives (as after a relay crash); it must find the event busy
        await().atMost(E2E).until(() -> Duration.between(claimed, Instant.now()).compareTo(Duration.ofSeconds(5)) > 0);
        assertThat(outbox.deliveryStatus("custodian-a", event)).isEqualTo("IN_FLIGHT");
        new DlqFixture(sqs).sendToQueue("custodian-a", ledger.messageBody("custodian-a", event).orElseThrow());

        await().atMost(E2E).untilAsserted(() -> assertThat(outbox.deliveryStatus("custodian-a", event)).isEqualTo("DELIVERED"));
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(partner.callsFor("custodian-a", List.of(event))).hasSize(1));
        assertThat(partner.stats("custodian-a").get("duplicates").asLong()).isZero();
        // the copy was turned away once; the original message never came back while the call went on
        assertThat(meters.counter("tact.dispatch.busy").count() - busyBefore).isEqualTo(1.0);
    }

    @Test
    void aSlowAttemptWhoseClaimWasTakenOverCannotOverwriteDelivered() {
        UUID event = UUID.randomUUID();
        var slow = ledger.claim("custodian-a", event, "AllocationsChanged", "B1", "{}", Duration.ZERO);
        await().atMost(E2E).untilAsserted(() -> assertThat(ledger.claim("custodian-a", event, "AllocationsChanged", "B1", "{}",
                Duration.ofMinutes(1)).outcome()).isEqualTo(DeliveryLedger.ClaimOutcome.CLAIMED));
        String token = jdbc.sql("select claim_token::text from delivery where partner = 'custodian-a' and event_id = ?").param(event)
                .query(String.class).single();
        assertThat(ledger.renew("custodian-a", event, slow.token(), Duration.ofMinutes(1))).isFalse();
        assertThat(ledger.finish("custodian-a", event, UUID.fromString(token), DeliveryStatus.DELIVERED, null)).isTrue();

        assertThat(ledger.finish("custodian-a", event, slow.token(), DeliveryStatus.RETRYING, "slow attempt")).isFalse();
        assertThat(ledger.deadLettered("custodian-a", event, slow.token(), "AllocationsChanged", "B1", "slow attempt")).isFalse();
        assertThat(outbox.deliveryStatus("custodian-a", event)).isEqualTo("DELIVERED");
        assertThat(jdbc.sql("select count(*) from outbox_event where event_type = 'DeliveryDeadLettered' and payload ->> 'deliveryEventId' = ?")
                .param(event.toString()).query(Long.class).single()).isZero();
    }

    @Test
    void aTokenEndpointAnsweringHtmlEndsDeadLetteredWithTheReasonAndAnAlert() {
        partner.script("custodian-a", "{\"steps\":[],\"token\":{\"status\":200,\"contentType\":\"text/html\","
                + "\"rawBody\":\"<html><body>Please sign in</body></html>\"}}");
        partner.expireTokens("custodian-a");
        UUID event = outbox.allocationsChanged(OutboxFixture.newBucket());

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(outbox.deliveryStatus("custodian-a", event))
                .isEqualTo("DEAD_LETTERED"));

        assertThat(outbox.deliveryError("custodian-a", event)).startsWith("retry budget spent (5 receives)");
        assertThat(jdbc.sql("select error from delivery_attempt where partner = 'custodian-a' and event_id = ? and outcome = 'IO_ERROR'")
                .param(event).query(String.class).list())
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e).isEqualTo("token endpoint of custodian-a answered 200 with a body that is not a JSON object (text/html)"));
        assertThat(jdbc.sql("select count(*) from outbox_event where event_type = 'DeliveryDeadLettered' and payload ->> 'deliveryEventId' = ?")
                .param(event.toString()).query(Long.class).single()).isEqualTo(1);
        assertThat(partner.acceptedFor("custodian-a", List.of(event))).isZero();
    }

    @Test
    void aRotatedClientSecretIsReadAgainWhenTheTokenEndpointRefusesTheCachedOne() {
        String id = "it/rotation/" + UUID.randomUUID();
        try (SecretsManagerClient store = SecretsManagerClient.builder()
                .region(software.amazon.awssdk.regions.Region.of(Env.get("AWS_REGION", "us-east-1"))).build()) {
            store.createSecret(b -> b.name(id).secretString("before-rotation"));
            assertThat(secrets.secret(id)).isEqualTo("before-rotation");   // now cached
            store.putSecretValue(b -> b.secretId(id).secretString("local-dev-custodian-a"));
        }
        var rotated = new OutboundProperties.Partner("it-rotation", "q", "dlq", 5, MOCK_PARTNER.baseUrl() + "/oauth/token",
                "custodian-a", null, id, List.of(new OutboundProperties.Endpoint("primary", MOCK_PARTNER.baseUrl() + "/x", 1)), List.of(), List.of());

        assertThat(tokens.token(rotated)).startsWith("custodian-a.");
        assertThat(tokens.fetchCount("it-rotation")).isEqualTo(2);   // refused with the cached secret, then the fresh one
        assertThat(secrets.secret(id)).isEqualTo("local-dev-custodian-a");
    }

    @Test
    void anEndpointOnAPrivateAddressIsRefusedAtCallTimeInEveryForm() {
        // as if DNS or the table changed after the endpoint was checked: the guard runs again on the call
        for (String url : List.of("http://10.1.2.3:1/x", "http://[::ffff:10.1.2.3]:1/x", "http://[fd00::1]:1/x")) {
            jdbc.sql("delete from partner_endpoint where partner = 'custodian-a'").update();
            jdbc.sql("insert into partner_endpoint (partner, label, url, weight, updated_by) values ('custodian-a', 'primary', ?, 1, 'it')")
                    .param(url).update();
            try {
                await().atMost(E2E).untilAsserted(() -> assertThat(api.get("/api/partners/custodian-a").body()).contains(url));
                // the dispatcher reads the endpoints through a cache of 2 s (PartnerEndpoints.REFRESH)
                await().pollDelay(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).until(() -> true);
                UUID event = outbox.allocationsChanged(OutboxFixture.newBucket());
                await().atMost(E2E).untilAsserted(() -> assertThat(outbox.deliveryStatus("custodian-a", event)).isEqualTo("DEAD_LETTERED"));
                assertThat(outbox.attemptOutcomes("custodian-a", event)).as(url).containsExactly("REFUSED");
                assertThat(outbox.deliveryError("custodian-a", event)).as(url).contains("private or loopback");
            } finally {
                jdbc.sql("delete from partner_endpoint where partner = 'custodian-a'").update();
            }
        }
        await().atMost(E2E).untilAsserted(() -> assertThat(api.get("/api/partners/custodian-a").body()).contains("/partners/custodian-a/primary"));
        await().pollDelay(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).until(() -> true);
    }

    @Test
    void aRedirectIsNotFollowed() {
        partner.script("custodian-a", "{\"steps\":[{\"status\":307,\"times\":1,\"headers\":{\"Location\":\""
                + MOCK_PARTNER.baseUrl() + "/partners/custodian-a/elsewhere\"}}]}");
        UUID event = outbox.allocationsChanged(OutboxFixture.newBucket());

        await().atMost(E2E).untilAsserted(() -> assertThat(outbox.deliveryStatus("custodian-a", event)).isEqualTo("DEAD_LETTERED"));

        assertThat(outbox.attemptOutcomes("custodian-a", event)).containsExactly("HTTP_ERROR:307");
        assertThat(partner.callsFor("custodian-a", List.of(event))).extracting(c -> c.get("endpoint").asString()).containsExactly("primary");
    }
}
