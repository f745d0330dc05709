package com.tact.inbound.it;

import com.tact.testsupport.Env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import com.tact.testsupport.S3Events;
import com.tact.testsupport.ServiceProcess;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The service killed (SIGKILL, no shutdown hook) in the middle of a file, then another instance started: the
 * first attempt leaves nothing visible, and the second applies every row exactly once after the lease and
 * the message's visibility run out. Both instances are the packaged jar run as real processes, on a queue
 * and feed of this test's own so that no other listener competes.
 */
class IngestionCrashIT {

    private static final int ROWS = 300_000;
    private static final int BUCKETS = 40;

    private final String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    private final DriverManagerDataSource dataSource = new DriverManagerDataSource(Env.get("TACT_JDBC_URL", null),
            Env.get("TACT_DB_USER", "tact"), Env.get("TACT_DB_PASSWORD", ""));
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final S3Client s3 = S3Client.builder().forcePathStyle(true).build();
    private final SqsClient sqs = SqsClient.create();
    private final List<ServiceProcess> processes = new ArrayList<>();
    private String queueUrl;

    @AfterEach
    void tearDown() {
        processes.forEach(ServiceProcess::close);
        if (queueUrl != null) {
            sqs.deleteQueue(d -> d.queueUrl(queueUrl));
        }
    }

    /** A queue and a feed of this test's own, so that no other listener competes. */
    private String ownQueue() throws Exception {
        var queue = "crash-test-" + run.toLowerCase();
        // the schema may not exist yet when this class runs first (no application context here)
        Flyway.configure().dataSource(dataSource).load().migrate();
        queueUrl = sqs.createQueue(c -> c.queueName(queue).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "5"))).queueUrl();
        jdbc.sql("""
                insert into feed_definition (name, s3_prefix, spec)
                select 'crash-allocations', 'crash-test/allocations/', spec from feed_definition where name = 'allocations'
                on conflict (name) do nothing""").update();
        jdbc.sql("""
                insert into source_weight (feed, source, weight)
                select 'crash-allocations', source, weight from source_weight where feed = 'allocations'
                on conflict do nothing""").update();
        return queue;
    }

    /** The file in the bucket and its notification on our queue; returns its key. */
    private String sendFile() throws Exception {
        var bucket = Env.get("TACT_INBOUND_BUCKET", null);
        var key = "crash-test/allocations/" + run + ".csv";
        var file = generate(Files.createTempFile("crash", ".csv"));
        s3.putObject(p -> p.bucket(bucket).key(key), RequestBody.fromFile(file));
        var eTag = s3.headObject(h -> h.bucket(bucket).key(key)).eTag().replace("\"", "");
        Files.delete(file);
        sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(S3Events.objectCreated(bucket, key, eTag)));
        return key;
    }

    private void awaitLanding() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20)).until(() ->
                jdbc.sql("select count(*) from pg_stat_activity where query like 'copy ingest_stage%' and state = 'active'")
                        .query(Long.class).single() > 0);
    }

    @Test
    void anInstancePausedPastItsLeaseCannotCommitAfterAnotherTookTheFileOver() throws Exception {
        var queue = ownQueue();
        var first = start(queue, "paused");
        var key = sendFile();
        awaitLanding();
        first.signal("STOP");
        try {
            // frozen: no heartbeat renews the claim, so the lease runs out and the message comes back
            await().atMost(Duration.ofSeconds(30)).until(() -> ledger(key).getFirst(),
                    r -> ((java.sql.Timestamp) r.get("lease_until")).toInstant().isBefore(java.time.Instant.now()));
            start(queue, "taker");
            await().atMost(Duration.ofSeconds(60))
                    .failFast("the second instance exited", () -> !processes.getLast().process().isAlive())
                    .until(() -> ledger(key).getFirst(), r -> Integer.valueOf(2).equals(r.get("attempts")));
        } finally {
            // the frozen transaction still holds its row locks, which the taker's upsert waits for: resume it
            first.signal("CONT");
        }
        await().atMost(Duration.ofSeconds(180))
                .failFast("the second instance exited", () -> !processes.getLast().process().isAlive())
                .until(() -> ledger(key).getFirst(), r -> "DONE".equals(r.get("status")));
        var done = ledger(key).getFirst();
        assertThat(done).containsEntry("attempts", 2).containsEntry("rows_applied", (long) ROWS);
        assertThat((String) done.get("claimed_by")).as("the taker finished it").doesNotStartWith(first.pid() + "@");

        // resumed, the first instance finds its claim gone and rolls back instead of committing a second time
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(first.logText()).contains("claim on file " + done.get("id") + " was lost"));
        assertThat(ledger(key).getFirst()).containsEntry("status", "DONE").containsEntry("attempts", 2)
                .containsEntry("claimed_by", done.get("claimed_by")).containsEntry("finished_at", done.get("finished_at"));
        assertThat(count("select count(*) from allocation_candidate where bucket_id like ?", "C" + run + "-%")).isEqualTo(ROWS);
        assertThat(count("select count(*) from outbox_event where event_type = 'AllocationsChanged' and payload->>'fileId' = ?",
                done.get("id").toString())).isEqualTo(BUCKETS);
        assertThat(count("select count(*) from outbox_event where event_type = 'FileIngested' and aggregate_id = ?",
                done.get("id").toString())).isEqualTo(1);
        assertThat(count("select count(*) from row_error where file_id = ?", done.get("id"))).isZero();
    }

    @Test
    void aServiceKilledMidFileLeavesNothingVisibleAndTheNextInstanceAppliesItOnce() throws Exception {
        var queue = ownQueue();
        var first = start(queue, "first");
        var key = sendFile();
        awaitLanding();
        first.process().destroyForcibly().waitFor();

        assertThat(ledger(key)).singleElement().satisfies(row -> assertThat(row.get("status")).isEqualTo("PROCESSING"));
        assertThat(count("select count(*) from allocation_candidate where bucket_id like ?", "C" + run + "-%")).isZero();
        assertThat(count("select count(*) from allocation where bucket_id like ?", "C" + run + "-%")).isZero();

        start(queue, "second");
        await().atMost(Duration.ofSeconds(180))
                .failFast("second instance exited", () -> !processes.getLast().process().isAlive())
                .until(() -> ledger(key).getFirst(), r -> "DONE".equals(r.get("status")));

        var row = ledger(key).getFirst();
        assertThat(row).containsEntry("attempts", 2).containsEntry("rows_total", (long) ROWS).containsEntry("rows_applied", (long) ROWS);
        assertThat(count("select count(*) from allocation_candidate where bucket_id like ?", "C" + run + "-%")).isEqualTo(ROWS);
        assertThat(count("select count(*) from allocation where bucket_id like ?", "C" + run + "-%")).isEqualTo(ROWS);
        assertThat(count("select count(*) from outbox_event where event_type = 'AllocationsChanged' and payload->>'fileId' = ?",
                row.get("id").toString())).isEqualTo(BUCKETS);
        assertThat(count("select count(*) from outbox_event where event_type = 'FileIngested' and aggregate_id = ?",
                row.get("id").toString())).isEqualTo(1);
    }

    private ServiceProcess start(String queue, String name) {
        var process = ServiceProcess.start("crash-it-" + name, List.of("--tact.inbound.queue=" + queue,
                "--tact.inbound.claim.lease=4s", "--tact.inbound.claim.heartbeat=1s",
                "--tact.inbound.claim.visibility-timeout=5s", "--tact.inbound.claim.retry-backoff=1s"));
        processes.add(process);
        return process;
    }

    private Path generate(Path file) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(InboundFixture.HEADER);
            for (int i = 0; i < ROWS; i++) {
                out.write("C" + run + "-" + (i % BUCKETS) + ",S" + i + "," + (i % 100) + ".25,2026-11-25,VENDOR,USD,EQUITY\n");
            }
        }
        return file;
    }

    private List<Map<String, Object>> ledger(String key) {
        return jdbc.sql("select * from ingestion_file where object_key = ?").param(key).query().listOfRows();
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

}
