package com.tact.alerting.silence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Silences live in Postgres so that every instance applies the same ones. */
@Service
public class Silences {

    private static final String COLUMNS = "id, topic, source, dedup_key_prefix, starts_at, ends_at, comment, created_by, "
            + "created_at, expired_at";
    private static final RowMapper<Silence> ROW = (rs, n) -> new Silence(rs.getLong("id"), rs.getString("topic"),
            rs.getString("source"), rs.getString("dedup_key_prefix"), instant(rs, "starts_at"), instant(rs, "ends_at"),
            rs.getString("comment"), rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "expired_at"));

    private final JdbcClient jdbc;

    Silences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public Silence create(String topic, String source, String dedupKeyPrefix, Instant startsAt, Instant endsAt,
                          String comment, String createdBy) {
        if (blank(topic) && blank(source) && blank(dedupKeyPrefix)) {
            throw new IllegalArgumentException("a silence needs at least one of topic, source, dedupKeyPrefix");
        }
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("endsAt must be after startsAt");
        }
        long id = jdbc.sql("insert into alert_silence (topic, source, dedup_key_prefix, starts_at, ends_at, comment, created_by) "
                        + "values (?, ?, ?, ?, ?, ?, ?) returning id")
                .params(nullIfBlank(topic), nullIfBlank(source), nullIfBlank(dedupKeyPrefix),
                        java.sql.Timestamp.from(startsAt), java.sql.Timestamp.from(endsAt), comment, createdBy)
                .query(Long.class).single();
        return find(id).orElseThrow();
    }

    public Optional<Silence> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from alert_silence where id = ?").param(id).query(ROW).optional();
    }

    /** Active and future silences, or, with {@code all}, the latest 500 of any kind. */
    public List<Silence> list(boolean all) {
        String where = all ? "" : " where expired_at is null and ends_at > now()";
        return jdbc.sql("select " + COLUMNS + " from alert_silence" + where + " order by id desc limit 500").query(ROW).list();
    }

    /** Ends a silence now; true when it existed and was not already over. */
    @Transactional
    public boolean expire(long id) {
        return jdbc.sql("update alert_silence set expired_at = now() where id = ? and expired_at is null and ends_at > now()")
                .param(id).update() == 1;
    }

    /** The oldest silence active now that mutes an alert of this topic, source and dedup key. */
    public Optional<Silence> matching(String topic, String source, String dedupKey) {
        return jdbc.sql("select " + COLUMNS + " from alert_silence where expired_at is null and starts_at <= now() "
                        + "and ends_at > now() and (topic is null or topic = ?) and (source is null or source = ?) "
                        + "and (dedup_key_prefix is null or starts_with(?, dedup_key_prefix)) order by id limit 1")
                .params(topic, source, dedupKey).query(ROW).optional();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String nullIfBlank(String s) {
        return blank(s) ? null : s;
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        var ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
