package com.tact.outbound;

import com.tact.testsupport.Env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/** Outbox rows the bus refuses: parked with their reason and an alert, and the relay goes on with the rest. */
class OutboxParkingIT extends OutboundITSupport {

    private static final Duration E2E = Duration.ofSeconds(45);

    @Autowired
    EventBridgeClient events;

    @Test
    void anEventOverThePutEventsEntryLimitIsParkedWithItsReasonAndTheRelayGoesOn() {
        String bucket = OutboxFixture.newBucket();
        outbox.bucket(bucket);
        UUID tooLarge = jdbc.sql("""
                        insert into outbox_event (source, event_type, aggregate_type, aggregate_id, payload)
                        values ('tact.inbound', 'AllocationsChanged', 'bucket', ?, jsonb_build_object('bucketId', ?::text, 'blob', repeat('x', 270000)))
                        returning id""").params(bucket, bucket).query(UUID.class).single();
        UUID after = outbox.allocationsChanged(bucket);

        await().atMost(E2E).untilAsserted(() -> assertThat(outbox.deliveryStatus("custodian-a", after)).isEqualTo("DELIVERED"));

        assertThat(parked(tooLarge)).isTrue();
        assertThat(outbox.published(tooLarge)).isFalse();
        assertThat(lastError(tooLarge)).matches("entry of 2\\d{5} bytes exceeds the PutEvents limit of 262144 bytes");
        assertThat(outbox.deliveryStatus("custodian-a", tooLarge)).isNull();
        await().atMost(E2E).untilAsserted(() -> assertThat(parkedAlertPublished(tooLarge)).isEqualTo(1L));
        assertThat(api.get("/api/outbox/backlog").body()).contains("\"parked\"");
    }

    @Test
    void anEventTheBusKeepsRefusingIsParkedAfterThreeRefusals() {
        // EventBridge refuses an entry without a Source (per entry: FailedEntryCount), however often it is sent
        UUID refused = jdbc.sql("""
                        insert into outbox_event (source, event_type, aggregate_type, aggregate_id, payload)
                        values ('', 'AllocationsChanged', 'bucket', 'NO-SOURCE', '{}'::jsonb) returning id""").query(UUID.class).single();
        UUID after = outbox.allocationsChanged(OutboxFixture.newBucket());

        await().atMost(E2E).untilAsserted(() -> assertThat(parked(refused) || outbox.published(refused)).as("parked or published").isTrue());
        assumeFalse(outbox.published(refused), "this emulator (MiniStack) accepts an entry without a Source, which AWS and moto refuse");
        assertThat(parked(refused)).isTrue();

        assertThat(jdbc.sql("select refusals from outbox_event where id = ?").param(refused).query(Integer.class).single()).isEqualTo(3);
        assertThat(lastError(refused)).isNotBlank();
        await().atMost(E2E).untilAsserted(() -> assertThat(parkedAlertPublished(refused)).isEqualTo(1L));
        assertThat(jdbc.sql("select payload ->> 'refusals' from outbox_event where event_type = 'OutboxEventParked' and aggregate_id = ?")
                .param(refused.toString()).query(String.class).single()).isEqualTo("3");
        await().atMost(E2E).untilAsserted(() -> assertThat(outbox.deliveryStatus("custodian-a", after)).isEqualTo("DELIVERED"));
    }

    @Test
    void aRowThatMakesTheBusRefuseTheWholeRequestIsParkedAndTheRestOfItsBatchGoes() {
        // just under the entry limit (the detail also carries the publish span's traceparent), but the partner queue's copy
        // (the event envelope) is over SQS's 256 KiB: the
        // emulator then fails the whole PutEvents call (HTTP 400), for every batch that carries this row
        String bucket = OutboxFixture.newBucket();
        outbox.bucket(bucket);
        UUID spoiler = jdbc.sql("""
                        insert into outbox_event (source, event_type, aggregate_type, aggregate_id, payload)
                        values ('tact.inbound', 'AllocationsChanged', 'bucket', ?, jsonb_build_object('bucketId', ?::text, 'blob', repeat('x', 261850)))
                        returning id""").params(bucket, bucket).query(UUID.class).single();
        java.util.List<UUID> others = outbox.events("AllocationsChanged", 5);

        await().atMost(E2E).untilAsserted(() -> assertThat(parked(spoiler) || outbox.published(spoiler)).as("parked or published").isTrue());
        assumeFalse(outbox.published(spoiler), "this emulator (MiniStack) delivers an SQS copy over 256 KiB, which AWS drops and moto refuses");
        assertThat(parked(spoiler)).isTrue();

        assertThat(lastError(spoiler)).startsWith("PutEvents refused the request");
        assertThat(jdbc.sql("select refusals from outbox_event where id = ?").param(spoiler).query(Integer.class).single()).isEqualTo(3);
        await().atMost(E2E).untilAsserted(() -> assertThat(outbox.deliveredCount("custodian-a", others)).isEqualTo(5L));
    }

    @Test
    void theEmulatorDoesNotCheckTheEntrySizeSoTheRelayMust() {
        // moto accepts a 300 KB entry that AWS refuses (256 KB): the relay's own check is what keeps production right
        String detail = "{\"blob\":\"" + "x".repeat(300_000) + "\"}";
        PutEventsResponse r = events.putEvents(b -> b.entries(e -> e.eventBusName(Env.get("TACT_EVENT_BUS",
                "local-tact-events")).source("tact.it.size-probe").detailType("SizeProbe.v1").detail(detail)));
        assertThat(r.failedEntryCount()).isZero();
    }

    private boolean parked(UUID id) {
        return jdbc.sql("select parked_at is not null from outbox_event where id = ?").param(id).query(Boolean.class).single();
    }

    private String lastError(UUID id) {
        return jdbc.sql("select last_error from outbox_event where id = ?").param(id).query(String.class).single();
    }

    private long parkedAlertPublished(UUID id) {
        return jdbc.sql("""
                        select count(*) from outbox_event where source = 'tact.outbound' and event_type = 'OutboxEventParked'
                           and aggregate_id = ? and payload ->> 'outboxEventId' = ? and published_at is not null""")
                .params(id.toString(), id.toString()).query(Long.class).single();
    }
}
