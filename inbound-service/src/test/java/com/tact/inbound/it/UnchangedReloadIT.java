package com.tact.inbound.it;

import com.tact.testsupport.Awaits;
import com.tact.testsupport.Operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.awspring.cloud.sqs.listener.MessageListenerContainerRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A new version with the bytes of the last landing into its table is recorded DONE without being landed, and
 * only when landing it would have written nothing: every case where it would write something is landed.
 */
class UnchangedReloadIT extends InboundITBase {

    @Autowired
    S3Client s3;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MessageListenerContainerRegistry listeners;
    @LocalServerPort
    int port;

    InboundFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new InboundFixture(s3, jdbc);
    }

    @Test
    void theSameBytesAgainAreDoneWithoutBeingLanded() {
        var b = InboundFixture.bucketId();
        var key = "incoming/allocations/" + InboundFixture.unique("daily.csv");
        var content = InboundFixture.HEADER + b + ",SEC1,10,2026-11-25,VENDOR,USD,EQUITY\n" + b + ",SEC2,20,2026-11-25,CUSTODIAN,USD,EQUITY\n";
        fixture.put(key, content);
        var first = fixture.awaitFinished(key);
        assertThat(first).containsEntry("status", "DONE").containsEntry("rows_applied", 2L);
        var landedAt = updatedAt(b);

        fixture.put(key, content);
        var again = secondVersion(key);
        assertThat(again).as("the same bytes, the last landing, complete: not landed, counted as that file")
                .containsEntry("status", "DONE").containsEntry("unchanged_from", first.get("id"))
                .containsEntry("rows_total", 2L).containsEntry("rows_valid", 2L).containsEntry("rows_rejected", 0L)
                .containsEntry("rows_applied", 0L).containsEntry("sha256", InboundFixture.sha256(content));
        assertThat(updatedAt(b)).as("no candidate row touched").isEqualTo(landedAt);
        var api = Operator.client(port, "viewer").get().uri("/api/files/{id}", again.get("id")).retrieve().body(Map.class);
        assertThat(api).as("the operators' file API says so").containsEntry("unchangedFrom", ((Long) first.get("id")).intValue())
                .containsEntry("status", "DONE").containsEntry("rowsApplied", 0);
        assertThat(fixture.count("select count(*) from outbox_event where event_type = 'AllocationsChanged' and aggregate_id = ?", b))
                .as("the first landing's event only").isEqualTo(1);
        assertThat(fixture.count("select count(*) from outbox_event where event_type = 'FileIngested' and aggregate_id = ?",
                again.get("id").toString())).as("the file is announced like any DONE file").isEqualTo(1);
    }

    @Test
    void aCopyWhoseDigestDiffersFromTheLastLandingsIsLandedThoughSizeAndETagMatch() {
        var b = InboundFixture.bucketId();
        var key = "incoming/allocations/" + InboundFixture.unique("daily.csv");
        var content = InboundFixture.HEADER + b + ",SEC1,10,2026-11-25,VENDOR,USD,EQUITY\n";
        fixture.put(key, content);
        fixture.awaitFinished(key);
        // as if the last landing's bytes had another digest (an ETag is no proof of equal bytes): only SHA-256 decides
        jdbc.sql("update landing_mark set sha256 = repeat('0', 64) where candidate_table = 'allocation_candidate'").update();

        fixture.put(key, content);
        assertThat(secondVersion(key)).containsEntry("status", "DONE").containsEntry("unchanged_from", null)
                .containsEntry("rows_applied", 0L).containsEntry("sha256", InboundFixture.sha256(content));
    }

    @Test
    void aLandingInBetweenMakesTheCopyLandAndRestoreItsValues() {
        var b = InboundFixture.bucketId();
        var key = "incoming/allocations/" + InboundFixture.unique("daily.csv");
        var content = InboundFixture.HEADER + b + ",SEC1,10,2026-11-25,CUSTODIAN,USD,EQUITY\n";
        fixture.put(key, content);
        fixture.awaitFinished(key);
        var correction = "incoming/allocations/" + InboundFixture.unique("correction.csv");
        fixture.put(correction, InboundFixture.HEADER + b + ",SEC1,99,2026-11-25,CUSTODIAN,USD,EQUITY\n");
        fixture.awaitFinished(correction);
        assertThat(weightOf(b)).isEqualByComparingTo("99");

        fixture.put(key, content);
        var again = secondVersion(key);
        assertThat(again).as("another file landed since: the copy is landed, and writes its value back")
                .containsEntry("status", "DONE").containsEntry("unchanged_from", null).containsEntry("rows_applied", 1L);
        assertThat(weightOf(b)).isEqualByComparingTo("10");
    }

    @Test
    void aWriteByHandIntoTheTableMakesTheCopyLandAndRestoreItsValues() {
        var b = InboundFixture.bucketId();
        var key = "incoming/allocations/" + InboundFixture.unique("daily.csv");
        var content = InboundFixture.HEADER + b + ",SEC1,10,2026-11-25,CUSTODIAN,USD,EQUITY\n";
        fixture.put(key, content);
        fixture.awaitFinished(key);
        jdbc.sql("update allocation_candidate set weight = 99 where bucket_id = ?").param(b).update();
        assertThat(fixture.count("select count(*) from landing_mark where candidate_table = 'allocation_candidate'"))
                .as("a write outside a landing forgets the table's last landing").isZero();

        fixture.put(key, content);
        assertThat(secondVersion(key)).containsEntry("status", "DONE").containsEntry("unchanged_from", null)
                .containsEntry("rows_applied", 1L);
        assertThat(weightOf(b)).isEqualByComparingTo("10");
    }

    @Test
    void aFileWithARejectedRowIsNotCompleteSoItsCopyIsLandedAndItsErrorsRecordedAgain() {
        var b = InboundFixture.bucketId();
        var key = "incoming/allocations/" + InboundFixture.unique("one-bad-row.csv");
        var rows = new StringBuilder(InboundFixture.HEADER);
        for (int i = 0; i < 150; i++) {
            rows.append(b).append(",SEC").append(i).append(",1,2026-11-25,VENDOR,USD,EQUITY\n");
        }
        rows.append(b).append(",SECX,not-a-number,2026-11-25,VENDOR,USD,EQUITY\n");
        fixture.put(key, rows.toString());
        var first = fixture.awaitFinished(key);
        assertThat(first).containsEntry("status", "DONE").containsEntry("rows_rejected", 1L);

        fixture.put(key, rows.toString());
        var again = secondVersion(key);
        assertThat(again).containsEntry("status", "DONE").containsEntry("unchanged_from", null).containsEntry("rows_rejected", 1L);
        assertThat(fixture.errors((Long) again.get("id"))).as("the copy's own located error")
                .singleElement().satisfies(e -> assertThat(e).containsEntry("line_no", 152L).containsEntry("column_name", "weight"));
    }

    @Test
    void aFileHeldBackByANewerVersionIsNotCompleteSoItsCopyIsLanded() {
        var b = InboundFixture.bucketId();
        var key = "incoming/allocations/" + InboundFixture.unique("versions.csv");
        var older = InboundFixture.HEADER + b + ",SEC1,1,2026-11-25,VENDOR,USD,EQUITY\n";
        var container = listeners.getContainerById("inbound-files");
        container.stop();
        try {
            var v1 = fixture.put(key, older);
            InboundFixture.nextSecond();
            var v2 = fixture.put(key, InboundFixture.HEADER + b + ",SEC1,2,2026-11-25,VENDOR,USD,EQUITY\n");
            var api = Operator.client(port);
            api.post().uri("/api/ingestions").body(Map.of("key", key, "versionId", v2)).retrieve().toBodilessEntity();
            // the older version lands last: its row is held back, so the table does not hold its values
            api.post().uri("/api/ingestions").body(Map.of("key", key, "versionId", v1)).retrieve().toBodilessEntity();
        } finally {
            container.start();
        }
        assertThat(weightOf(b)).isEqualByComparingTo("2");
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.ledger(key).size() == 2);

        InboundFixture.nextSecond();
        fixture.put(key, older);
        var copy = Awaits.until("the third version of " + key + " to be DONE", Duration.ofSeconds(60), () -> fixture.ledger(key),
                r -> r.size() == 3 && "DONE".equals(r.get(2).get("status"))).get(2);
        assertThat(copy).as("the newest version, with the older one's bytes: landed, and it wins")
                .containsEntry("unchanged_from", null).containsEntry("rows_applied", 1L);
        assertThat(weightOf(b)).isEqualByComparingTo("1");
    }

    @Test
    void anotherFileOfTheTableInFlightMakesTheCopyLand() {
        var b = InboundFixture.bucketId();
        var key = "incoming/allocations/" + InboundFixture.unique("daily.csv");
        var content = InboundFixture.HEADER + b + ",SEC1,10,2026-11-25,VENDOR,USD,EQUITY\n";
        fixture.put(key, content);
        fixture.awaitFinished(key);
        // a file of the same table being landed elsewhere (its claim is live; it has not committed)
        long inFlight = jdbc.sql("""
                insert into ingestion_file (bucket, object_key, version_tag, feed, trigger, status, claim_token, claimed_by, lease_until, attempts)
                values ('elsewhere', ?, 'v', 'allocations', 'EVENT', 'PROCESSING', gen_random_uuid(), 'another instance', now() + interval '1 hour', 1)
                returning id""").param(InboundFixture.unique("in-flight.csv")).query(Long.class).single();
        try {
            fixture.put(key, content);
            assertThat(secondVersion(key)).containsEntry("status", "DONE").containsEntry("unchanged_from", null)
                    .containsEntry("rows_applied", 0L);
        } finally {
            jdbc.sql("delete from ingestion_file where id = ?").param(inFlight).update();
        }
    }

    private Map<String, Object> secondVersion(String key) {
        return Awaits.until("the second version of " + key + " to be DONE", Duration.ofSeconds(60), () -> fixture.ledger(key),
                rows -> rows.size() == 2 && List.of("DONE", "REJECTED").contains(rows.get(1).get("status"))).get(1);
    }

    private BigDecimal weightOf(String bucketId) {
        return fixture.weightOf(bucketId, "SEC1");
    }

    private String updatedAt(String bucketId) {
        return jdbc.sql("select max(updated_at)::text from allocation_candidate where bucket_id = ?").param(bucketId).query(String.class).single();
    }
}
