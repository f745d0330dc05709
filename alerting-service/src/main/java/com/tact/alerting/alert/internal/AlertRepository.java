package com.tact.alerting.alert.internal;

import com.tact.alerting.alert.Alert;
import com.tact.alerting.alert.AlertState;
import com.tact.alerting.alert.Notification;
import com.tact.alerting.alert.Severity;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The alert table: outbox and history at once. */
@Repository
public class AlertRepository {

    private static final String COLUMNS = "a.id, a.alert_id, a.topic, a.severity, a.source, a.dedup_key, a.title, "
            + "a.body_bytes, a.state, a.occurrences, h.alert_id as duplicate_of_alert_id, a.silence_id, a.sns_message_id, "
            + "a.payload_pointer, a.attempts, a.last_error, a.received_at, a.publish_after, a.published_at, a.origin_event_id";
    private static final String FROM = " from alert a left join alert h on h.id = a.duplicate_of";

    private static final RowMapper<Alert> ALERT = (rs, n) -> new Alert(rs.getObject("alert_id", UUID.class),
            rs.getLong("id"), rs.getString("topic"), Severity.valueOf(rs.getString("severity")), rs.getString("source"),
            rs.getString("dedup_key"), rs.getString("title"), rs.getInt("body_bytes"),
            AlertState.valueOf(rs.getString("state")), rs.getInt("occurrences"),
            rs.getObject("duplicate_of_alert_id", UUID.class), (Long) rs.getObject("silence_id"),
            rs.getString("sns_message_id"), rs.getString("payload_pointer"), rs.getInt("attempts"),
            rs.getString("last_error"), instant(rs, "received_at"), instant(rs, "publish_after"),
            instant(rs, "published_at"), rs.getString("origin_event_id"));

    private final JdbcClient jdbc;

    AlertRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The head of a dedup group: the alert duplicates are counted on. */
    public record GroupHead(long id, String bodySha256) {
    }

    /** A stored alert ready for the relay, locked for the current transaction. */
    public record Pending(long id, Notification notification) {
    }

    public record NewAlert(String topic, Severity severity, String source, String dedupKey, String title, String body,
                           int bodyBytes, String bodySha256, String originEventId, String traceparent) {
    }

    // ---- intake

    /** Serialises intake per topic and dedup key (across instances) until the transaction ends. */
    public void lockGroup(String topic, String dedupKey) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?), hashtext(?))").params("alert-group:" + topic, dedupKey)
                .query(Object.class).single();
    }

    /**
     * The group an alert of this topic and dedup key folds into: one still waiting in the outbox (group wait, rate
     * limit, SNS outage), or one whose notification went out less than the window ago. The window counts from the
     * publication (from the last attempt of a FAILED one), so a long outage does not turn a flood into many groups.
     */
    public Optional<GroupHead> findGroupHead(String topic, String dedupKey, Duration window) {
        return jdbc.sql("select id, body_sha256 from alert where topic = ? and dedup_key = ? "
                        + "and state not in ('DEDUPLICATED', 'SILENCED') and (state = 'STORED' "
                        + "or coalesce(published_at, last_attempt_at, received_at) > now() - ? * interval '1 millisecond') "
                        + "order by received_at desc limit 1")
                .params(topic, dedupKey, window.toMillis())
                .query((rs, n) -> new GroupHead(rs.getLong("id"), rs.getString("body_sha256"))).optional();
    }

    public long insertStored(NewAlert a, Duration groupWait) {
        return jdbc.sql("insert into alert (topic, severity, source, dedup_key, title, body, body_bytes, body_sha256, "
                        + "origin_event_id, traceparent, state, publish_after) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'STORED', "
                        + "now() + ? * interval '1 millisecond') returning id")
                .params(a.topic(), a.severity().name(), a.source(), a.dedupKey(), a.title(), a.body(), a.bodyBytes(),
                        a.bodySha256(), a.originEventId(), a.traceparent(), groupWait.toMillis())
                .query(Long.class).single();
    }

    /** A duplicate keeps its own body only when it differs from the head's (a flood does not multiply storage). */
    public long insertDuplicate(NewAlert a, GroupHead head) {
        String body = a.bodySha256().equals(head.bodySha256()) ? null : a.body();
        long id = jdbc.sql("insert into alert (topic, severity, source, dedup_key, title, body, body_bytes, body_sha256, "
                        + "origin_event_id, traceparent, state, duplicate_of) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'DEDUPLICATED', ?) returning id")
                .params(a.topic(), a.severity().name(), a.source(), a.dedupKey(), a.title(), body, a.bodyBytes(),
                        a.bodySha256(), a.originEventId(), a.traceparent(), head.id())
                .query(Long.class).single();
        jdbc.sql("update alert set occurrences = occurrences + 1 where id = ?").param(head.id()).update();
        return id;
    }

    public long insertSilenced(NewAlert a, long silenceId) {
        return jdbc.sql("insert into alert (topic, severity, source, dedup_key, title, body, body_bytes, body_sha256, "
                        + "origin_event_id, traceparent, state, silence_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'SILENCED', ?) returning id")
                .params(a.topic(), a.severity().name(), a.source(), a.dedupKey(), a.title(), a.body(), a.bodyBytes(),
                        a.bodySha256(), a.originEventId(), a.traceparent(), silenceId)
                .query(Long.class).single();
    }

    // ---- history

    public Optional<Alert> findBySeq(long id) {
        return jdbc.sql("select " + COLUMNS + FROM + " where a.id = ?").param(id).query(ALERT).optional();
    }

    public Optional<Alert> find(UUID alertId) {
        return jdbc.sql("select " + COLUMNS + FROM + " where a.alert_id = ?").param(alertId).query(ALERT).optional();
    }

    public Optional<Alert> findByOriginEventId(String originEventId) {
        return jdbc.sql("select " + COLUMNS + FROM + " where a.origin_event_id = ?").param(originEventId).query(ALERT)
                .optional();
    }

    /** Newest first, keyset-paged by {@code beforeSeq}. */
    public List<Alert> list(AlertState state, String topic, String source, String dedupKey, Long beforeSeq, int limit) {
        var where = new ArrayList<String>();
        var params = new ArrayList<Object>();
        if (state != null) { where.add("a.state = ?"); params.add(state.name()); }
        if (topic != null) { where.add("a.topic = ?"); params.add(topic); }
        if (source != null) { where.add("a.source = ?"); params.add(source); }
        if (dedupKey != null) { where.add("a.dedup_key = ?"); params.add(dedupKey); }
        if (beforeSeq != null) { where.add("a.id < ?"); params.add(beforeSeq); }
        params.add(limit);
        String sql = "select " + COLUMNS + FROM + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by a.id desc limit ?";
        return jdbc.sql(sql).params(params).query(ALERT).list();
    }

    /** A duplicate without its own body shows its head's (they are equal by hash). */
    public Optional<String> body(UUID alertId) {
        return jdbc.sql("select coalesce(a.body, h.body)" + FROM + " where a.alert_id = ?").param(alertId)
                .query(String.class).optional();
    }

    public boolean retry(UUID alertId) {
        return jdbc.sql("update alert set state = 'STORED', publish_after = now(), last_error = null "
                + "where alert_id = ? and state = 'FAILED'").param(alertId).update() == 1;
    }

    public long countStored() {
        return jdbc.sql("select count(*) from alert where state = 'STORED'").query(Long.class).single();
    }

    /** Seconds since the oldest stored alert arrived; 0 when the outbox is empty. Alarm on it, not on health. */
    public double oldestStoredAgeSeconds() {
        return jdbc.sql("select coalesce(extract(epoch from now() - min(received_at)), 0) from alert where state = 'STORED'")
                .query(Double.class).single();
    }

    // ---- relay

    /** One relay per topic across all instances keeps the topic's order; false when another instance holds it. */
    public boolean tryLockTopic(String topic) {
        return Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(hashtext('alert-relay'), hashtext(?))")
                .param(topic).query(Boolean.class).single());
    }

    /** The oldest stored alert of the topic whose group wait is over, locked. */
    public Optional<Pending> nextPending(String topic) {
        return jdbc.sql("select id, alert_id, topic, severity, source, dedup_key, title, body, occurrences, traceparent from alert "
                        + "where topic = ? and state = 'STORED' and publish_after <= now() order by id limit 1 for update")
                .param(topic)
                .query((rs, n) -> new Pending(rs.getLong("id"), new Notification(rs.getObject("alert_id", UUID.class),
                        rs.getString("topic"), Severity.valueOf(rs.getString("severity")), rs.getString("source"),
                        rs.getString("dedup_key"), rs.getString("title"), rs.getString("body"), rs.getInt("occurrences"),
                        rs.getString("traceparent"))))
                .optional();
    }

    public int publishedSince(String topic, Duration ago) {
        return jdbc.sql("select count(*) from alert where topic = ? and published_at > now() - ? * interval '1 millisecond'")
                .params(topic, ago.toMillis()).query(Integer.class).single();
    }

    public void markPublished(long id, String messageId, String payloadPointer) {
        jdbc.sql("update alert set state = ?, sns_message_id = ?, payload_pointer = ?, published_at = now(), "
                        + "attempts = attempts + 1, last_attempt_at = now() where id = ?")
                .params(payloadPointer == null ? "PUBLISHED" : "OFFLOADED", messageId, payloadPointer, id).update();
    }

    public void markAttemptFailed(long id, String error) {
        jdbc.sql("update alert set attempts = attempts + 1, last_error = ?, last_attempt_at = now() where id = ?")
                .params(truncate(error), id).update();
    }

    public void markFailed(long id, String error) {
        jdbc.sql("update alert set state = 'FAILED', attempts = attempts + 1, last_error = ?, last_attempt_at = now() "
                + "where id = ?").params(truncate(error), id).update();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
