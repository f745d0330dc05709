package com.tact.outbound.publishing.internal;

import com.tact.outbound.publishing.PendingEvent;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The shared outbox_event table, as the relay sees it. Call inside a transaction. */
@Repository
public class OutboxRepository {

    /** Key of the transaction-scoped advisory lock that makes one relay publish at a time. */
    private static final long RELAY_LOCK = 0x7AC7_0B0C_0001L;

    private final JdbcClient jdbc;

    OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean tryRelayLock() {
        return Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(?)").param(RELAY_LOCK)
                .query(Boolean.class).single());
    }

    public List<PendingEvent> lockPending(int limit) {
        return jdbc.sql("""
                        select id, seq, source, event_type, event_version, aggregate_type, aggregate_id, payload::text as payload,
                               traceparent, created_at
                          from outbox_event
                         where published_at is null and parked_at is null
                         order by seq
                         limit ?
                           for update skip locked""")
                .param(limit)
                .query((rs, i) -> new PendingEvent(rs.getObject("id", UUID.class), rs.getLong("seq"), rs.getString("source"),
                        rs.getString("event_type"), rs.getInt("event_version"), rs.getString("aggregate_type"),
                        rs.getString("aggregate_id"), rs.getString("payload"), rs.getString("traceparent"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    public void markPublished(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("update outbox_event set published_at = now(), attempts = attempts + 1, last_error = null where id = any(?)")
                .param(ids.toArray(UUID[]::new))
                .update();
    }

    public void markFailed(Map<UUID, String> failures) {
        failures.forEach((id, reason) -> jdbc.sql("update outbox_event set attempts = attempts + 1, last_error = ? where id = ?")
                .param(truncate(reason)).param(id).update());
    }

    /**
     * The bus refused the entry: counted, and the row parked (left out of the relay from now on, kept with its
     * reason) when the refusal is permanent or the {@code parkAfter}-th one. Returns the refusals counted so far
     * when the row was parked, or 0 when it stays pending.
     */
    public int markRefused(UUID id, String reason, boolean permanent, int parkAfter) {
        return jdbc.sql("""
                        update outbox_event set attempts = attempts + 1, refusals = refusals + 1, last_error = ?,
                               parked_at = case when ? or refusals + 1 >= ? then now() end
                         where id = ?
                        returning case when parked_at is null then 0 else refusals end""")
                .params(truncate(reason), permanent, parkAfter, id).query(Integer.class).single();
    }

    /** How many rows wait for the relay, and the oldest one's age: health and metrics. */
    public Map<String, Object> backlog() {
        return jdbc.sql("""
                        select count(*) filter (where parked_at is null) as pending,
                               min(created_at) filter (where parked_at is null) as oldest,
                               count(*) filter (where parked_at is not null) as parked
                          from outbox_event where published_at is null""")
                .query((rs, i) -> {
                    Timestamp oldest = rs.getTimestamp("oldest");
                    return Map.<String, Object>of("pending", rs.getLong("pending"),
                            "oldest", oldest == null ? "" : oldest.toInstant().toString(), "parked", rs.getLong("parked"));
                }).single();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
