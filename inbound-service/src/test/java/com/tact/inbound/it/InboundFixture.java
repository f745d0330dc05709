package com.tact.inbound.it;

import com.tact.testsupport.Awaits;
import com.tact.testsupport.Cloud;
import com.tact.testsupport.Env;
import com.tact.testsupport.Operator;
import com.tact.testsupport.S3Events;

import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Drives the real path: objects into the emulated S3, messages onto SQS, and reads of Postgres. */
final class InboundFixture {

    static final String HEADER = "bucket_id,security_id,weight,effective_date,source,currency,asset_class\n";

    final S3Client s3;
    final SqsClient sqs;
    final JdbcClient jdbc;
    final String bucket = Env.get("TACT_INBOUND_BUCKET", null);
    final String queue = Env.get("TACT_INBOUND_QUEUE", null);
    final String dlq = Env.get("TACT_INBOUND_DLQ", null);

    InboundFixture(S3Client s3, JdbcClient jdbc) {
        this.s3 = s3;
        this.jdbc = jdbc;
        this.sqs = SqsClient.create();
    }

    /**
     * Declares a feed of the test's own: the allocations feed under another name and prefix (feeds are data),
     * its spec passed through {@code specSql}, an SQL expression over {@code spec}; same source weights.
     */
    static void declareAllocationsLike(JdbcClient jdbc, String name, String prefix, String specSql) {
        jdbc.sql("""
                insert into feed_definition (name, s3_prefix, spec)
                select ?, ?, %s from feed_definition where name = 'allocations'
                on conflict (name) do nothing""".formatted(specSql)).params(name, prefix).update();
        jdbc.sql("""
                insert into source_weight (feed, source, weight)
                select ?, source, weight from source_weight where feed = 'allocations'
                on conflict do nothing""").param(name).update();
    }

    /** The operator's client of the service under test; error statuses are returned, not thrown. */
    static org.springframework.web.client.RestClient operatorApi(int port) {
        return Operator.client(port);
    }

    /** Visible/in-flight message counts of a queue, as "visible/in flight". */
    String queueDepth(String queueUrl) {
        return Cloud.queueDepth(queueUrl);
    }

    /** A bucket id no other test uses, so that assertions see only this test's rows. */
    static String bucketId() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
    }

    static String sha256(String content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String unique(String name) {
        return UUID.randomUUID().toString().substring(0, 8) + "-" + name;
    }

    String put(String key, String content) {
        return put(key, content.getBytes(StandardCharsets.UTF_8));
    }

    String put(String key, byte[] content) {
        return s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content)).versionId();
    }

    Map<String, Object> awaitFinished(String key) {
        return awaitFinished(key, Duration.ofSeconds(60));
    }

    /** Waits for the ledger row of the key's (only) version to reach DONE or REJECTED. */
    Map<String, Object> awaitFinished(String key, Duration patience) {
        return Awaits.until("the ledger row of " + key + " to be DONE or REJECTED", patience, () -> ledger(key), rows -> rows.size() == 1
                && List.of("DONE", "REJECTED").contains(rows.getFirst().get("status"))).getFirst();
    }

    List<Map<String, Object>> ledger(String key) {
        return jdbc.sql("select * from ingestion_file where object_key = ? order by id").param(key).query().listOfRows();
    }

    List<Map<String, Object>> errors(long fileId) {
        return jdbc.sql("select * from row_error where file_id = ? order by seq").param(fileId).query().listOfRows();
    }

    /** What the key (bucket, security, as of 2026-11-25) resolves to: the allocation view's weight. */
    BigDecimal weightOf(String bucketId, String security) {
        return jdbc.sql("select weight from allocation where bucket_id = ? and security_id = ?").params(bucketId, security)
                .query(BigDecimal.class).single();
    }

    /** S3's Last-Modified has whole seconds: a version put after this is newer than one put before. */
    static void nextSecond() {
        var next = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        await().until(() -> Instant.now().isAfter(next));
    }

    long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    String queueUrl(String name) {
        return sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
    }

    /** The notification S3 sends for a put, built by hand to deliver it again. */
    String s3Event(String key, String eTag) {
        return S3Events.objectCreated(bucket, key, eTag);
    }
}
