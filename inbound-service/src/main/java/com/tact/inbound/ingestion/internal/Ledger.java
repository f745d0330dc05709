package com.tact.inbound.ingestion.internal;

import com.tact.inbound.ingestion.IngestionService.Trigger;
import com.tact.inbound.ingestion.ObjectMetadata;
import com.tact.inbound.ingestion.ObjectRef;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ingestion ledger (table ingestion_file): one row per object version, and the claim that makes an
 * ingestion exactly-once. A claim is the row in status PROCESSING with our token and a lease; another
 * instance may take it over only once the lease has run out. Every final status change is fenced by the
 * token, so an instance that lost its claim cannot also commit.
 */
@Component
class Ledger {

    sealed interface ClaimResult permits Claimed, Held {
    }

    /** @param previousFailure why the previous attempt did not finish; null on a first attempt */
    record Claimed(long fileId, UUID token, int attempt, String previousFailure) implements ClaimResult {
    }

    /** Someone else has it (PROCESSING with a live lease) or it is finished (DONE, REJECTED). */
    record Held(long fileId, String status, String claimedBy) implements ClaimResult {
    }

    record Counts(long rows, long validRows, long badRows, long errors) {
    }

    private static final String INSTANCE = ProcessHandle.current().pid() + "@" + hostname() + "/" + UUID.randomUUID().toString().substring(0, 8);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    Ledger(JdbcClient jdbc, TransactionTemplate tx, JsonMapper json) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
    }

    ClaimResult claim(ObjectMetadata object, ObjectRef ref, String feed, Trigger trigger, Duration lease, String traceId) {
        return tx.execute(status -> {
            var token = UUID.randomUUID();
            var claimed = jdbc.sql("""
                    insert into ingestion_file (bucket, object_key, version_tag, version_id, etag, sequencer, feed, trigger,
                        status, claim_token, claimed_by, lease_until, attempts, size_bytes, last_modified, trace_id, started_at)
                    values (:bucket, :key, :tag, :versionId, :etag, :sequencer, :feed, :trigger,
                        'PROCESSING', :token, :by, now() + :lease * interval '1 millisecond', 1, :size, :lastModified, :traceId, now())
                    on conflict (bucket, object_key, version_tag) do update
                        set status = 'PROCESSING', claim_token = excluded.claim_token, claimed_by = excluded.claimed_by,
                            lease_until = excluded.lease_until,
                            -- a version given up on starts counting afresh when it is asked for again
                            attempts = case when ingestion_file.status = 'REJECTED' then 1 else ingestion_file.attempts + 1 end,
                            reason = case when ingestion_file.status = 'PROCESSING'
                                          then 'attempt ' || ingestion_file.attempts || ' by ' || ingestion_file.claimed_by
                                               || ' did not finish (its lease ran out: the instance stopped or hung)'
                                          when ingestion_file.status = 'REJECTED' then null
                                          else ingestion_file.reason end,
                            reclaimable = false, trace_id = excluded.trace_id, started_at = now(), finished_at = null
                        where ingestion_file.status = 'FAILED'
                           or (ingestion_file.status = 'PROCESSING' and ingestion_file.lease_until < now())
                           or (ingestion_file.status = 'REJECTED' and ingestion_file.reclaimable)
                    returning id, attempts, reason
                    """)
                    .param("bucket", object.bucket()).param("key", object.key()).param("tag", object.versionTag())
                    .param("versionId", object.versionId()).param("etag", object.eTag()).param("sequencer", ref.sequencer())
                    .param("feed", feed).param("trigger", trigger.name()).param("token", token).param("by", INSTANCE)
                    .param("lease", lease.toMillis()).param("size", object.size())
                    .param("lastModified", object.lastModified() == null ? null : Timestamp.from(object.lastModified()))
                    .param("traceId", traceId)
                    .query((rs, n) -> new Claimed(rs.getLong("id"), token, rs.getInt("attempts"), rs.getString("reason")))
                    .optional();
            if (claimed.isPresent()) {
                // a previous attempt's errors belong to an attempt that did not finish
                jdbc.sql("delete from row_error where file_id = ?").param(claimed.get().fileId()).update();
                return claimed.get();
            }
            return jdbc.sql("select id, status, claimed_by from ingestion_file where bucket = ? and object_key = ? and version_tag = ?")
                    .params(object.bucket(), object.key(), object.versionTag())
                    .query((rs, n) -> new Held(rs.getLong("id"), rs.getString("status"), rs.getString("claimed_by")))
                    .single();
        });
    }

    /** Extends the lease; false when the claim is no longer ours (taken over after our lease ran out). */
    boolean renew(Claimed claim, Duration lease) {
        return jdbc.sql("update ingestion_file set lease_until = now() + ? * interval '1 millisecond' where id = ? and claim_token = ? and status = 'PROCESSING'")
                .params(lease.toMillis(), claim.fileId(), claim.token()).update() == 1;
    }

    /** Gives the claim back after a retryable failure, so that the redelivered message can take it at once. */
    void release(Claimed claim, String reason) {
        // the reason is kept for the next attempt (and for giving up), whatever the failure was
        jdbc.sql("update ingestion_file set status = 'FAILED', lease_until = now(), reason = ?, finished_at = now() where id = ? and claim_token = ? and status = 'PROCESSING'")
                .params(truncate(reason), claim.fileId(), claim.token()).update();
    }

    /** Final REJECTED, fenced, with the FileRejected event in the same transaction; false if the claim was lost. */
    boolean reject(Claimed claim, ObjectMetadata object, String feed, Counts counts, String reason, String traceparent) {
        return reject(claim, object, feed, counts, reason, traceparent, false);
    }

    /** @param reclaimable whether a later notification may try the version again (a give-up, not the content) */
    boolean reject(Claimed claim, ObjectMetadata object, String feed, Counts counts, String reason, String traceparent,
                   boolean reclaimable) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            int updated = jdbc.sql("""
                    update ingestion_file set status = 'REJECTED', reason = :reason, rows_total = :rows, rows_valid = :valid,
                        rows_rejected = :bad, rows_applied = 0, error_count = :errors, finished_at = now(), lease_until = null,
                        reclaimable = :reclaimable
                    where id = :id and claim_token = :token and status = 'PROCESSING'
                    """)
                    .param("reason", truncate(reason)).param("reclaimable", reclaimable).param("rows", counts.rows()).param("valid", counts.validRows())
                    .param("bad", counts.badRows()).param("errors", counts.errors())
                    .param("id", claim.fileId()).param("token", claim.token()).update();
            if (updated == 1) {
                announceFile(jdbc, "FileRejected", claim.fileId(), object, feed, "REJECTED", reason, counts.errors(), 0, traceparent);
            }
            return updated == 1;
        }));
    }

    /**
     * Gives up on a version whose attempts keep failing: REJECTED with the reason and a FileRejected event, but
     * reclaimable, so that a later notification (a DLQ redrive, a push) may try it again. Only a version that
     * nobody is working on (released, or its lease ran out) is given up; false otherwise.
     */
    boolean giveUp(long fileId, String reason, String traceparent) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            var row = jdbc.sql("""
                    update ingestion_file set status = 'REJECTED', reason = :reason, reclaimable = true, finished_at = now(),
                        lease_until = null, rows_applied = 0
                    where id = :id and (status = 'FAILED' or (status = 'PROCESSING' and lease_until < now()))
                    returning bucket, object_key, version_id, etag, feed, error_count
                    """)
                    .param("reason", truncate(reason)).param("id", fileId)
                    .query((rs, n) -> new Object[] {new ObjectMetadata(rs.getString("bucket"), rs.getString("object_key"),
                            rs.getString("version_id"), rs.getString("etag"), 0, null), rs.getString("feed"), rs.getLong("error_count")})
                    .optional();
            row.ifPresent(r -> announceFile(jdbc, "FileRejected", fileId, (ObjectMetadata) r[0], (String) r[1], "REJECTED",
                    reason, (Long) r[2], 0, traceparent));
            return row.isPresent();
        }));
    }

    /** Final DONE inside the apply transaction, fenced by the claim token; false if the claim was lost. */
    boolean finish(Connection connection, Claimed claim, ObjectMetadata object, String feed, Counts counts,
                   String sha256, long applied, String traceparent) throws SQLException {
        try (var st = connection.prepareStatement("""
                update ingestion_file set status = 'DONE', rows_total = ?, rows_valid = ?, rows_rejected = ?, rows_applied = ?,
                    error_count = ?, sha256 = ?, finished_at = now(), lease_until = null, reason = null
                where id = ? and claim_token = ? and status = 'PROCESSING'
                """)) {
            st.setLong(1, counts.rows());
            st.setLong(2, counts.validRows());
            st.setLong(3, counts.badRows());
            st.setLong(4, applied);
            st.setLong(5, counts.errors());
            st.setString(6, sha256);
            st.setLong(7, claim.fileId());
            st.setObject(8, claim.token());
            if (st.executeUpdate() != 1) {
                return false;
            }
        }
        try (var st = connection.prepareStatement("""
                insert into outbox_event (source, event_type, aggregate_type, aggregate_id, payload, traceparent)
                values ('tact.inbound', 'FileIngested', 'file', ?, ?::jsonb, ?)
                """)) {
            st.setString(1, Long.toString(claim.fileId()));
            st.setString(2, filePayload(claim.fileId(), object.bucket(), object.key(), feed, "DONE", null, counts.errors(), applied, traceparent));
            st.setString(3, traceparent);
            st.executeUpdate();
        }
        return true;
    }

    /** Notes, in the DONE transaction, that the file was not landed because its bytes were those of another. */
    void unchangedFrom(Connection connection, long fileId, long sameAs) throws SQLException {
        try (var st = connection.prepareStatement("update ingestion_file set unchanged_from = ? where id = ?")) {
            st.setLong(1, sameAs);
            st.setLong(2, fileId);
            st.executeUpdate();
        }
    }

    /**
     * An event for an object that no longer exists: recorded as REJECTED (nothing to read), once per event
     * identity, with a FileRejected event so that somebody hears of it.
     */
    long recordMissing(ObjectRef ref, String feed, Trigger trigger, String traceId, String traceparent) {
        var tag = ref.versionId() != null ? ref.versionId() : ref.eTag() != null ? "etag:" + ref.eTag() : "missing";
        var reason = "object s3://" + ref.bucket() + "/" + ref.key() + " no longer exists";
        return tx.execute(status -> {
            var inserted = jdbc.sql("""
                    insert into ingestion_file (bucket, object_key, version_tag, version_id, etag, sequencer, feed, trigger, status,
                        reason, error_count, trace_id, started_at, finished_at, claimed_by, attempts)
                    values (?, ?, ?, ?, ?, ?, ?, ?, 'REJECTED', ?, 1, ?, now(), now(), ?, 1)
                    on conflict (bucket, object_key, version_tag) do nothing returning id
                    """)
                    .params(ref.bucket(), ref.key(), tag, ref.versionId(), ref.eTag(), ref.sequencer(), feed, trigger.name(),
                            reason, traceId, INSTANCE)
                    .query(Long.class).optional();
            if (inserted.isEmpty()) {
                return jdbc.sql("select id from ingestion_file where bucket = ? and object_key = ? and version_tag = ?")
                        .params(ref.bucket(), ref.key(), tag).query(Long.class).single();
            }
            long id = inserted.get();
            jdbc.sql("insert into row_error (file_id, seq, reason) values (?, 1, ?)").params(id, reason).update();
            var object = new ObjectMetadata(ref.bucket(), ref.key(), ref.versionId(), ref.eTag(), 0, null);
            announceFile(jdbc, "FileRejected", id, object, feed, "REJECTED", reason, 1, 0, traceparent);
            return id;
        });
    }

    private void announceFile(JdbcClient jdbc, String type, long fileId, ObjectMetadata object, String feed, String status,
                              String reason, long errors, long applied, String traceparent) {
        jdbc.sql("""
                insert into outbox_event (source, event_type, aggregate_type, aggregate_id, payload, traceparent)
                values ('tact.inbound', ?, 'file', ?, ?::jsonb, ?)
                """)
                .params(type, Long.toString(fileId),
                        filePayload(fileId, object.bucket(), object.key(), feed, status, reason, errors, applied, traceparent), traceparent)
                .update();
    }

    private String filePayload(long fileId, String bucket, String key, String feed, String status, String reason,
                               long errors, long applied, String traceparent) {
        var payload = new java.util.LinkedHashMap<String, Object>();
        payload.put("fileId", fileId);
        payload.put("bucket", bucket);
        payload.put("key", key);
        payload.put("feed", feed);
        payload.put("status", status);
        payload.put("reason", reason);
        payload.put("errorCount", errors);
        payload.put("rowsApplied", applied);
        payload.put("traceparent", traceparent);
        return json.writeValueAsString(payload);
    }

    private static String truncate(String reason) {
        return reason == null || reason.length() <= 2000 ? reason : reason.substring(0, 2000) + "...";
    }

    private static String hostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }

}
