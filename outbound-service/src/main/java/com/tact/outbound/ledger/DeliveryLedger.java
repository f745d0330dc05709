package com.tact.outbound.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import com.tact.outbound.publishing.OutboxWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every delivery and every attempt, in Postgres. The primary key (partner, event id) makes a redelivered or
 * re-published event a no-op once delivered; the claim (status IN_FLIGHT until claimed_until) keeps two
 * instances from calling the partner for one event at the same time.
 */
@Repository
public class DeliveryLedger {

    public enum ClaimOutcome { CLAIMED, ALREADY_DELIVERED, BUSY }

    /** The outcome of a claim and, when claimed, the token that fences this holder's writes. */
    public record Claim(ClaimOutcome outcome, UUID token) {
    }

    private final JdbcClient jdbc;
    private final OutboxWriter outbox;

    private final MeterRegistry meters;

    DeliveryLedger(JdbcClient jdbc, OutboxWriter outbox, MeterRegistry meters) {
        this.meters = meters;
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /**
     * Takes the event for this instance unless it was delivered already or another instance holds it. One
     * statement in the common case (a new event, or a retry whose claim has lapsed). The claim's token fences
     * every later write of this holder: once another instance has taken over a lapsed claim, they do nothing.
     */
    public Claim claim(String partner, UUID eventId, String eventType, String bucketId, String body, Duration lease) {
        UUID token = UUID.randomUUID();
        boolean taken = jdbc.sql("""
                        insert into delivery (partner, event_id, event_type, bucket_id, status, message_body, claimed_until, claim_token)
                        values (?, ?, ?, ?, 'IN_FLIGHT', ?, now() + make_interval(secs => ?), ?)
                        on conflict (partner, event_id) do update
                           set status = 'IN_FLIGHT', claimed_until = excluded.claimed_until, claim_token = excluded.claim_token,
                               updated_at = now(), message_body = coalesce(excluded.message_body, delivery.message_body)
                         where delivery.status <> 'DELIVERED'
                           and (delivery.status <> 'IN_FLIGHT' or delivery.claimed_until < now())
                        returning true""")
                .params(partner, eventId, eventType, bucketId, body, lease.toMillis() / 1000.0, token)
                .query(Boolean.class).optional().isPresent();
        if (taken) {
            return new Claim(ClaimOutcome.CLAIMED, token);
        }
        String status = jdbc.sql("select status from delivery where partner = ? and event_id = ?")
                .params(partner, eventId).query(String.class).single();
        return new Claim(DeliveryStatus.DELIVERED.name().equals(status) ? ClaimOutcome.ALREADY_DELIVERED : ClaimOutcome.BUSY, null);
    }

    /** Extends the claim while the delivery goes on; false when it is no longer this holder's (taken over, finished). */
    public boolean renew(String partner, UUID eventId, UUID token, Duration lease) {
        return jdbc.sql("""
                        update delivery set claimed_until = now() + make_interval(secs => ?)
                         where partner = ? and event_id = ? and claim_token = ? and status = 'IN_FLIGHT'""")
                .params(lease.toMillis() / 1000.0, partner, eventId, token).update() == 1;
    }

    /**
     * What decides, after the claim, whether the partner is called now: whether the partner's switch for the bucket is
     * off, and an earlier event of the same bucket that this partner subscribes to and that has not reached a final
     * state for it (delivered, suppressed, dead-lettered), which the partner must get first. One round trip for both
     * (they run for every delivery). Looks back {@code horizon} only, so that a lost predecessor cannot hold a bucket
     * for ever.
     */
    public Gate gate(String partner, UUID eventId, String bucketId, Collection<String> eventTypes, Duration horizon) {
        if (bucketId == null) {
            return Gate.OPEN;
        }
        // a predecessor counts while it is recent, or while an operator's replay or redrive of it is recent (so
        // that events redriven together keep their order however old they are); a parked row never will be sent
        return jdbc.sql("""
                        select coalesce((select not enabled from partner_switch where partner = ? and bucket_id = ?), false) as off,
                               (select o.id from outbox_event o
                                  left join delivery d on d.partner = ? and d.event_id = o.id
                                 where cardinality(?::text[]) > 0
                                   and o.aggregate_type = 'bucket' and o.aggregate_id = ?
                                   and o.seq < (select seq from outbox_event where id = ?)
                                   and o.event_type = any(?)
                                   and o.parked_at is null
                                   and (o.created_at > now() - make_interval(secs => ?)
                                        or (d.status = 'REPLAY_REQUESTED' and d.updated_at > now() - make_interval(secs => ?)))
                                   and (d.status is null or d.status not in ('DELIVERED', 'SUPPRESSED', 'DEAD_LETTERED'))
                                 order by o.seq
                                 limit 1) as earlier""")
                .params(partner, bucketId, partner, eventTypes.toArray(String[]::new), bucketId, eventId,
                        eventTypes.toArray(String[]::new), horizon.toMillis() / 1000.0, horizon.toMillis() / 1000.0)
                .query((rs, i) -> new Gate(rs.getBoolean("off"), Optional.ofNullable(rs.getObject("earlier", UUID.class))))
                .single();
    }

    /** The switch and the per-bucket order for one delivery: see {@link #gate}. */
    public record Gate(boolean switchedOff, Optional<UUID> earlierPending) {
        static final Gate OPEN = new Gate(false, Optional.empty());
    }

    public void recordAttempt(String partner, UUID eventId, String endpoint, String outcome, Integer statusCode,
                              Integer latencyMs, String error) {
        // one round trip: the attempt row and the delivery's counters (a call the breaker refused is no attempt)
        jdbc.sql("""
                        with attempt as (
                            insert into delivery_attempt (partner, event_id, endpoint, outcome, status_code, latency_ms, error)
                            values (?, ?, ?, ?, ?, ?, ?))
                        update delivery set attempts = attempts + 1, last_status_code = ?, last_error = ?, updated_at = now()
                         where partner = ? and event_id = ? and ? <> 'CIRCUIT_OPEN'""")
                .params(partner, eventId, endpoint, outcome, statusCode, latencyMs, truncate(error),
                        statusCode, truncate(error), partner, eventId, outcome)
                .update();
    }

    /**
     * A successful call: its attempt row and the end of this holder's claim as DELIVERED in one round trip (the
     * common case, once per delivery). False when the claim is no longer this holder's: then, as for any attempt,
     * only the attempt and the delivery's counters are written, never the status.
     */
    public boolean delivered(String partner, UUID eventId, UUID token, String endpoint, int statusCode, int latencyMs) {
        boolean finished = jdbc.sql("""
                        with attempt as (
                            insert into delivery_attempt (partner, event_id, endpoint, outcome, status_code, latency_ms)
                            values (?, ?, ?, 'SUCCESS', ?, ?)),
                        done as (
                            update delivery set status = 'DELIVERED', attempts = attempts + 1, last_status_code = ?, last_error = null,
                                   claimed_until = null, claim_token = null, updated_at = now(), delivered_at = now()
                             where partner = ? and event_id = ? and claim_token = ? and status = 'IN_FLIGHT'
                            returning 1)
                        select count(*) from done""")
                .params(partner, eventId, endpoint, statusCode, latencyMs, statusCode, partner, eventId, token)
                .query(Integer.class).single() == 1;
        if (finished) {
            meters.counter("tact.deliveries", "partner", partner, "status", DeliveryStatus.DELIVERED.name()).increment();
        } else {
            jdbc.sql("update delivery set attempts = attempts + 1, last_status_code = ?, last_error = null, updated_at = now() "
                            + "where partner = ? and event_id = ?")
                    .params(statusCode, partner, eventId).update();
        }
        return finished;
    }

    /**
     * Ends this holder's claim with {@code status}; false (and nothing written) when the claim is no longer its own,
     * so that a slow attempt whose claim was taken over cannot overwrite what the new holder wrote (DELIVERED).
     */
    public boolean finish(String partner, UUID eventId, UUID token, DeliveryStatus status, String reason) {
        boolean finished = jdbc.sql("""
                        update delivery set status = ?, claimed_until = null, claim_token = null, updated_at = now(),
                               last_error = coalesce(?, last_error),
                               delivered_at = case when ? = 'DELIVERED' then now() else delivered_at end
                         where partner = ? and event_id = ? and claim_token = ? and status = 'IN_FLIGHT'""")
                .params(status.name(), truncate(reason), status.name(), partner, eventId, token).update() == 1;
        if (finished) {
            // what operators alert on: deliveries by partner and outcome (DELIVERED, SUPPRESSED, RETRYING, DEAD_LETTERED)
            meters.counter("tact.deliveries", "partner", partner, "status", status.name()).increment();
        }
        return finished;
    }

    /**
     * The delivery is going to the DLQ: the status, and the {@code DeliveryDeadLettered} event for operators
     * (alerting-service raises a critical alert on it), in one transaction; false when the claim was lost.
     */
    @Transactional
    public boolean deadLettered(String partner, UUID eventId, UUID token, String eventType, String bucketId, String reason) {
        if (!finish(partner, eventId, token, DeliveryStatus.DEAD_LETTERED, reason)) {
            return false;
        }
        announceDeadLetter(partner, eventId, eventType, bucketId, reason);
        return true;
    }

    private void announceDeadLetter(String partner, UUID eventId, String eventType, String bucketId, String reason) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("partner", partner);
        payload.put("deliveryEventId", eventId.toString());   // "eventId" in the detail is this event's own id
        payload.put("eventType", eventType);
        payload.put("bucketId", bucketId);
        payload.put("reason", truncate(reason));
        outbox.write("DeliveryDeadLettered", "partner", partner, payload);
    }

    /** A message that could not be read: kept with its reason (keyed by its SQS message id) before it is dead-lettered. */
    @Transactional
    public void recordUnreadable(String partner, UUID messageKey, String body, String reason) {
        announceDeadLetter(partner, messageKey, null, null, reason);
        jdbc.sql("""
                        insert into delivery (partner, event_id, status, message_body, last_error)
                        values (?, ?, 'DEAD_LETTERED', ?, ?)
                        on conflict (partner, event_id) do update set status = 'DEAD_LETTERED', last_error = excluded.last_error,
                               updated_at = now()""")
                .params(partner, messageKey, body, truncate(reason)).update();
    }

    public Optional<Delivery> find(String partner, UUID eventId) {
        return jdbc.sql("select * from delivery where partner = ? and event_id = ?").params(partner, eventId)
                .query((rs, i) -> map(rs, attempts(partner, eventId))).optional();
    }

    public Optional<String> messageBody(String partner, UUID eventId) {
        return jdbc.sql("select message_body from delivery where partner = ? and event_id = ?").params(partner, eventId)
                .query(String.class).optional();
    }

    public List<Delivery> search(String partner, Collection<DeliveryStatus> statuses, String bucketId, Instant from, Instant to,
                                 int limit) {
        StringBuilder sql = new StringBuilder("select * from delivery where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (partner != null) {
            sql.append(" and partner = ?");
            params.add(partner);
        }
        if (statuses != null && !statuses.isEmpty()) {
            sql.append(" and status = any(?)");
            params.add(statuses.stream().map(Enum::name).toArray(String[]::new));
        }
        if (bucketId != null) {
            sql.append(" and bucket_id = ?");
            params.add(bucketId);
        }
        if (from != null) {
            sql.append(" and first_seen_at >= ?");
            params.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" and first_seen_at < ?");
            params.add(Timestamp.from(to));
        }
        sql.append(" order by first_seen_at, event_id limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query((rs, i) -> map(rs, null)).list();
    }

    /** Marks a delivery as sent back to the queue; false when it is not in a replayable state. */
    public boolean markReplayRequested(String partner, UUID eventId) {
        return jdbc.sql("""
                        update delivery set status = 'REPLAY_REQUESTED', claimed_until = null, claim_token = null, updated_at = now()
                         where partner = ? and event_id = ? and status in ('SUPPRESSED', 'DEAD_LETTERED', 'RETRYING', 'REPLAY_REQUESTED')""")
                .params(partner, eventId).update() == 1;
    }

    private List<Delivery.Attempt> attempts(String partner, UUID eventId) {
        return jdbc.sql("select * from delivery_attempt where partner = ? and event_id = ? order by id")
                .params(partner, eventId)
                .query((rs, i) -> new Delivery.Attempt(rs.getLong("id"), rs.getString("endpoint"), rs.getString("outcome"),
                        (Integer) rs.getObject("status_code"), (Integer) rs.getObject("latency_ms"), rs.getString("error"),
                        rs.getTimestamp("attempted_at").toInstant()))
                .list();
    }

    private static Delivery map(ResultSet rs, List<Delivery.Attempt> attempts) throws SQLException {
        return new Delivery(rs.getString("partner"), rs.getObject("event_id", UUID.class), rs.getString("event_type"),
                rs.getString("bucket_id"), DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                (Integer) rs.getObject("last_status_code"), rs.getString("last_error"), instant(rs, "first_seen_at"),
                instant(rs, "updated_at"), instant(rs, "delivered_at"), attempts);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
