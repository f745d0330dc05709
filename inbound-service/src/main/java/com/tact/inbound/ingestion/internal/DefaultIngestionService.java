package com.tact.inbound.ingestion.internal;

import com.tact.inbound.config.InboundProperties;
import com.tact.inbound.ingestion.FeedCatalog;
import com.tact.inbound.ingestion.FeedDefinition;
import com.tact.inbound.ingestion.IngestionResult;
import com.tact.inbound.ingestion.IngestionService;
import com.tact.inbound.ingestion.ObjectMetadata;
import com.tact.inbound.ingestion.ObjectRef;
import com.tact.inbound.ingestion.ObjectSource;
import com.tact.inbound.ingestion.RetryableIngestionException;
import com.tact.inbound.ingestion.RowError;
import com.tact.shared.logging.LogSafe;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The ingestion pipeline. One object version: claim it in the ledger, stream it from S3 through the CSV
 * parser and the validator into a COPY into a session-private staging table, then, in the same transaction,
 * land the rows (candidates, winners by source weight, outbox events) and mark the ledger DONE, fenced by
 * the claim. A file over its reject threshold, or one that is not a usable CSV, is rolled back entirely and
 * marked REJECTED with its located errors. A crash at any point leaves nothing visible: the transaction
 * dies with the connection and the lease runs out, so the redelivered message takes the file over.
 */
@Service
class DefaultIngestionService implements IngestionService {

    private static final Logger log = LoggerFactory.getLogger(DefaultIngestionService.class);
    /** "ON CONFLICT DO UPDATE command cannot affect row a second time" */
    private static final String CARDINALITY_VIOLATION = "21000";

    private final FeedCatalog catalog;
    private final ObjectSource objects;
    private final Ledger ledger;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final InboundProperties properties;
    private final ObservationRegistry observations;
    private final ObjectProvider<Tracer> tracer;
    private final IngestionMetrics metrics;
    private final LandingMarks marks;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("ingest-heartbeat").factory());

    DefaultIngestionService(FeedCatalog catalog, ObjectSource objects, Ledger ledger, DataSource dataSource,
                            JdbcTemplate jdbc, InboundProperties properties, ObservationRegistry observations,
                            ObjectProvider<Tracer> tracer, IngestionMetrics metrics, LandingMarks marks) {
        this.catalog = catalog;
        this.objects = objects;
        this.ledger = ledger;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.properties = properties;
        this.observations = observations;
        this.tracer = tracer;
        this.metrics = metrics;
        this.marks = marks;
    }

    @Override
    public IngestionResult ingest(ObjectRef ref, Trigger trigger, Runnable keepAlive) {
        return Observation.createNotStarted("tact.ingest.file", observations)
                .contextualName("ingest " + ref.key())
                .lowCardinalityKeyValue("trigger", trigger.name())
                .highCardinalityKeyValue("s3.key", ref.key())
                .observe(() -> doIngest(ref, trigger, keepAlive));
    }

    private IngestionResult doIngest(ObjectRef ref, Trigger trigger, Runnable keepAlive) {
        var feed = catalog.feedForKey(ref.key()).orElse(null);
        var feedName = feed == null ? null : feed.name();
        ObjectMetadata object;
        try {
            object = Observation.createNotStarted("tact.ingest.s3.head", observations).observe(() -> objects.head(ref));
        } catch (ObjectSource.ObjectMissingException e) {
            if (trigger == Trigger.PUSH) {
                throw e;
            }
            long id = ledger.recordMissing(ref, feedName, trigger, traceId(), traceparent());
            log.warn("file {} rejected: {}", id, e.getMessage());
            return new IngestionResult(id, "REJECTED", false, 0, 0, 0, 0, e.getMessage());
        } catch (RuntimeException e) {
            throw new RetryableIngestionException("cannot read the metadata of s3://" + ref.bucket() + "/" + ref.key() + ": " + e.getMessage(), e);
        }

        var claimResult = ledger.claim(object, ref, feedName, trigger, properties.claim().lease(), traceId());
        if (claimResult instanceof Ledger.Held held) {
            if (held.status().equals("PROCESSING")) {
                throw new RetryableIngestionException("file " + held.fileId() + " is being ingested by " + held.claimedBy(), null, held.fileId());
            }
            log.info("file {} ({}) already {}: duplicate notification ignored", held.fileId(), LogSafe.text(object.key()), held.status());
            return duplicate(held.fileId());
        }
        var claim = (Ledger.Claimed) claimResult;
        var errors = new RowErrorRecorder(jdbc, claim.fileId(), claim.token(), properties.maxRecordedErrors());

        if (claim.attempt() > properties.claim().maxAttempts()) {
            // each attempt failed or died (an instance killed by what the file did to it, say): stop here
            var reason = "given up after " + (claim.attempt() - 1) + " attempts that did not finish; the last: "
                    + claim.previousFailure();
            errors.accept(RowError.ofFile(reason));
            errors.flush();
            if (!ledger.reject(claim, object, feedName, new Ledger.Counts(0, 0, 0, errors.count()), reason, traceparent(), true)) {
                throw new ClaimLostException("the ledger row is no longer claimed by this attempt");
            }
            log.warn("file {} ({}) REJECTED: {}", claim.fileId(), LogSafe.text(object.key()), reason);
            return new IngestionResult(claim.fileId(), "REJECTED", false, 0, 0, 0, 0, reason);
        }

        if (feed == null) {
            return rejectWhole(claim, object, null, errors, "no feed is declared for the key prefix of '" + object.key()
                    + "'; declared prefixes: " + catalog.feeds().stream().map(FeedDefinition::s3Prefix).toList());
        }
        if (object.size() > properties.maxFileSize().toBytes()) {
            return rejectWhole(claim, object, feedName, errors, "file of " + object.size() + " bytes exceeds the limit of "
                    + properties.maxFileSize().toBytes() + " bytes");
        }

        var lost = new AtomicBoolean();
        var heartbeat = heartbeats.scheduleAtFixedRate(() -> beat(claim, lost, keepAlive),
                properties.claim().heartbeat().toMillis(), properties.claim().heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        try {
            var sources = catalog.sourceWeights(feed.name()).keySet();
            var fingerprint = LandingMarks.fingerprint(feed, sources);
            var unchanged = properties.skipUnchanged() ? skipIfUnchanged(claim, object, feed, fingerprint, lost) : null;
            return unchanged != null ? unchanged : stageAndApply(claim, object, feed, sources, fingerprint, errors, lost);
        } catch (ClaimLostException e) {
            throw new RetryableIngestionException("claim on file " + claim.fileId() + " was lost: " + e.getMessage(), null, claim.fileId());
        } catch (Throwable e) {
            // whatever the work threw, an OutOfMemoryError or a StackOverflowError included: the file must end
            // DONE or REJECTED or be released for another attempt, never stay PROCESSING
            heartbeat.cancel(false);
            var refused = DatabaseRefusal.of(e);
            if (refused != null) {
                return rejectWhole(claim, object, feed.name(), errors, "the database refused a value of the file: " + refused);
            }
            var reason = "attempt " + claim.attempt() + " failed: " + e;
            try {
                ledger.release(claim, reason);
            } catch (RuntimeException releaseFailed) {
                // the lease runs out instead; the next attempt takes over then
                e.addSuppressed(releaseFailed);
            }
            log.warn("file {} ({}) attempt {} failed, will retry", claim.fileId(), LogSafe.text(object.key()), claim.attempt(), e);
            throw new RetryableIngestionException("ingestion of file " + claim.fileId() + " failed, will retry: " + e, e, claim.fileId());
        } finally {
            heartbeat.cancel(false);
        }
    }

    @Override
    public boolean giveUp(long fileId, String reason) {
        boolean given = ledger.giveUp(fileId, reason, traceparent());
        if (given) {
            log.warn("file {} REJECTED: {}", fileId, reason);
        }
        return given;
    }

    /**
     * A new version whose bytes are those of the last landing into the feed's table, which is complete and still
     * the last: landing it would write nothing, so it is recorded DONE (with that file's counts) without being
     * read into the database ({@link LandingMarks} says when that holds). Null when it must be landed.
     */
    private IngestionResult skipIfUnchanged(Ledger.Claimed claim, ObjectMetadata object, FeedDefinition feed, String fingerprint,
                                            AtomicBoolean lost) throws SQLException, IOException {
        var mark = marks.sameAsLast(feed, fingerprint, object).orElse(null);
        if (mark == null) {
            return null;
        }
        var check = Observation.createNotStarted("tact.ingest.unchanged", observations).start();
        try (var scope = check.openScope()) {
            String sha256;
            try (var in = new DigestInputStream(objects.open(object), sha256())) {
                in.transferTo(OutputStream.nullOutputStream());
                sha256 = HexFormat.of().formatHex(in.getMessageDigest().digest());
            }
            if (lost.get()) {
                throw new ClaimLostException("lease renewal found the claim taken over");
            }
            if (!sha256.equals(mark.sha256())) {
                check.lowCardinalityKeyValue("outcome", "different");
                return null;
            }
            var counts = new Ledger.Counts(mark.rows(), mark.validRows(), 0, 0);
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    if (!marks.stillLast(connection, mark, claim.fileId())) {
                        connection.rollback();
                        check.lowCardinalityKeyValue("outcome", "superseded");
                        return null;
                    }
                    if (!ledger.finish(connection, claim, object, feed.name(), counts, sha256, 0, traceparent())) {
                        connection.rollback();
                        throw new ClaimLostException("the ledger row is no longer claimed by this attempt");
                    }
                    ledger.unchangedFrom(connection, claim.fileId(), mark.fileId());
                    connection.commit();
                } catch (Throwable e) {
                    rollbackQuietly(connection);
                    throw e;
                }
            }
            check.lowCardinalityKeyValue("outcome", "skipped");
            log.info("file {} ({}) DONE without landing: its bytes are those of file {}, the last landing into {}, applied in full; "
                            + "{} rows, 0 values written", claim.fileId(), LogSafe.text(object.key()), mark.fileId(), mark.table(),
                    counts.rows());
            metrics.finished(feed.name(), "DONE", counts.validRows(), 0);
            return new IngestionResult(claim.fileId(), "DONE", false, counts.rows(), counts.validRows(), 0, 0, null);
        } catch (RuntimeException | Error | SQLException | IOException e) {
            check.error(e);
            throw e;
        } finally {
            check.stop();
        }
    }

    /** @param sources the feed's sources as validated against (the same set the fingerprint holds) */
    private IngestionResult stageAndApply(Ledger.Claimed claim, ObjectMetadata object, FeedDefinition feed, Set<String> sources,
                                          String fingerprint, RowErrorRecorder errors, AtomicBoolean lost)
            throws SQLException, IOException {
        var sql = new FeedSql(feed);
        // the version every row of this file carries (the guard against an older version landing after a newer one)
        var version = Timestamp.from(object.lastModified() == null ? Instant.now() : object.lastModified());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                long started = System.nanoTime();
                try (var st = connection.createStatement()) {
                    st.execute(sql.createStage());
                    st.execute(sql.createChanged());
                    // landing sorts and hashes a chunk's keys: give it memory rather than temp files
                    st.execute("set local work_mem = '64MB'");
                    st.execute(LandingMarks.LANDING);
                }
                FeedParser.Outcome outcome;
                String sha256;
                boolean rejected;
                long written = 0;
                var stage = Observation.createNotStarted("tact.ingest.stage", observations).start();
                try (var scope = stage.openScope();
                     var landing = new ChunkedLanding(connection, sql.copyIntoStage(), "truncate " + FeedSql.STAGE, sql.landingOrder(),
                             sql.parentColumn(), newParents -> landChunk(connection, sql, feed, claim, version, newParents, stage));
                     var in = new DigestInputStream(objects.open(object), sha256())) {
                    outcome = FeedParser.parse(in, BoundedCsvReader.Limits.of(properties), feed, sources, (line, values) -> {
                        if (lost.get()) {
                            throw new ClaimLostException("lease renewal found the claim taken over");
                        }
                        landing.write(line, values);
                    }, errors);
                    sha256 = HexFormat.of().formatHex(in.getMessageDigest().digest());
                    rejected = outcome.rejects(feed);
                    if (!rejected) {
                        written = landing.finish();
                    }
                } catch (ChunkedLanding.LandingFailedException e) {
                    stage.error(e);
                    throw e.getCause();
                } catch (RuntimeException | Error e) {
                    stage.error(e);
                    throw e;
                } finally {
                    stage.stop();
                }
                errors.flush();
                var counts = new Ledger.Counts(outcome.rows(), outcome.validRows(), outcome.badRows(), errors.count());
                if (rejected) {
                    connection.rollback();
                    return reject(claim, object, feed.name(), counts, outcome.rejectReason(feed));
                }
                try (var st = connection.prepareStatement(sql.announce())) {
                    st.setString(1, feed.changeEvent().type());
                    st.setString(2, feed.changeEvent().aggregateType());
                    st.setString(3, feed.name());
                    st.setLong(4, claim.fileId());
                    st.setString(5, traceparent());
                    st.executeUpdate();
                }
                marks.landed(connection, feed, fingerprint, claim.fileId(), object, sha256, version, written > 0, counts.badRows() == 0);
                long landed = System.nanoTime();
                if (!ledger.finish(connection, claim, object, feed.name(), counts, sha256, written, traceparent())) {
                    connection.rollback();
                    throw new ClaimLostException("the ledger row is no longer claimed by this attempt");
                }
                connection.commit();
                log.info("file {} ({}) DONE: {} rows, {} valid, {} rejected, {} values written; read and landed in {} ms, committed in {} ms",
                        claim.fileId(), LogSafe.text(object.key()), counts.rows(), counts.validRows(), counts.badRows(), written,
                        (landed - started) / 1_000_000, (System.nanoTime() - landed) / 1_000_000);
                metrics.finished(feed.name(), "DONE", counts.validRows(), counts.badRows());
                return new IngestionResult(claim.fileId(), "DONE", false, counts.rows(), counts.validRows(), counts.badRows(), written, null);
            } catch (Throwable e) {
                rollbackQuietly(connection);
                throw e;
            }
        }
    }

    /** Lands the staged chunk (on the landing thread); returns the candidate rows written. */
    private long landChunk(Connection connection, FeedSql sql, FeedDefinition feed, Ledger.Claimed claim, Timestamp version,
                           boolean newParents, Observation parent) throws SQLException {
        return Observation.createNotStarted("tact.ingest.apply", observations).parentObservation(parent).observeChecked(() -> {
            if (feed.target().parent() != null && newParents) {
                try (var st = connection.createStatement()) {
                    st.executeUpdate(sql.ensureParents());
                }
            }
            var savepoint = connection.setSavepoint();
            long written;
            try {
                written = land(connection, sql.apply(false), feed, claim, version);
            } catch (SQLException e) {
                if (!CARDINALITY_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                // one key from one source more than once in the chunk: the last line wins
                connection.rollback(savepoint);
                written = land(connection, sql.apply(true), feed, claim, version);
            }
            connection.releaseSavepoint(savepoint);
            if (feed.target().jsonRollup() != null) {
                try (var st = connection.createStatement()) {
                    st.executeUpdate(sql.rollup());
                }
            }
            return written;
        });
    }

    private long land(Connection connection, String statement, FeedDefinition feed, Ledger.Claimed claim, Timestamp version)
            throws SQLException {
        try (var st = connection.prepareStatement(statement)) {
            st.setLong(1, claim.fileId());
            st.setTimestamp(2, version);
            st.setString(3, feed.name());
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong("written");
            }
        }
    }

    private IngestionResult rejectWhole(Ledger.Claimed claim, ObjectMetadata object, String feed, RowErrorRecorder errors, String reason) {
        errors.accept(RowError.ofFile(reason));
        errors.flush();
        return reject(claim, object, feed, new Ledger.Counts(0, 0, 0, errors.count()), reason);
    }

    private IngestionResult reject(Ledger.Claimed claim, ObjectMetadata object, String feed, Ledger.Counts counts, String reason) {
        if (!ledger.reject(claim, object, feed, counts, reason, traceparent())) {
            throw new ClaimLostException("the ledger row is no longer claimed by this attempt");
        }
        log.warn("file {} ({}) REJECTED: {}", claim.fileId(), LogSafe.text(object.key()), reason);
        metrics.finished(feed, "REJECTED", counts.validRows(), counts.badRows());
        return new IngestionResult(claim.fileId(), "REJECTED", false, counts.rows(), counts.validRows(), counts.badRows(), 0, reason);
    }

    private IngestionResult duplicate(long fileId) {
        return jdbc.queryForObject("""
                select id, status, coalesce(rows_total, 0) t, coalesce(rows_valid, 0) v, coalesce(rows_rejected, 0) r,
                       coalesce(rows_applied, 0) a, reason from ingestion_file where id = ?""",
                (rs, n) -> new IngestionResult(rs.getLong("id"), rs.getString("status"), true, rs.getLong("t"),
                        rs.getLong("v"), rs.getLong("r"), rs.getLong("a"), rs.getString("reason")), fileId);
    }

    private void beat(Ledger.Claimed claim, AtomicBoolean lost, Runnable keepAlive) {
        try {
            if (!ledger.renew(claim, properties.claim().lease())) {
                lost.set(true);
                return;
            }
            keepAlive.run();
        } catch (RuntimeException e) {
            // a missed beat is not fatal: the next one tries again before the lease runs out
            log.warn("heartbeat for file {} failed: {}", claim.fileId(), e.toString());
        }
    }

    private String traceId() {
        var t = tracer.getIfAvailable();
        var span = t == null ? null : t.currentSpan();
        return span == null ? null : span.context().traceId();
    }

    private String traceparent() {
        var t = tracer.getIfAvailable();
        var span = t == null ? null : t.currentSpan();
        if (span == null) {
            return null;
        }
        var ctx = span.context();
        return "00-" + ctx.traceId() + "-" + ctx.spanId() + "-" + (Boolean.TRUE.equals(ctx.sampled()) ? "01" : "00");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            log.debug("rollback failed (connection likely gone): {}", e.toString());
        }
    }

    private static final class ClaimLostException extends RuntimeException {
        ClaimLostException(String message) {
            super(message);
        }
    }
}
