package com.tact.outbound.dispatch;

import com.tact.outbound.config.OutboundProperties;
import com.tact.outbound.config.OutboundProperties.Partner;
import com.tact.outbound.ledger.Delivery;
import com.tact.outbound.ledger.DeliveryLedger;
import com.tact.outbound.ledger.DeliveryStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replays through the partner's queue, so that a replay takes the same path as the first delivery (switch,
 * ledger, retry, breaker). Only what did not reach the partner is replayed; the ledger's key keeps a replayed
 * event from being delivered twice.
 */
@Service
public class ReplayService {

    public static final int MAX_PER_CALL = 1000;

    private final DeliveryLedger ledger;
    private final PartnerQueues queues;
    private final OutboundProperties properties;
    private final JsonMapper json;

    ReplayService(DeliveryLedger ledger, PartnerQueues queues, OutboundProperties properties, JsonMapper json) {
        this.ledger = ledger;
        this.queues = queues;
        this.properties = properties;
        this.json = json;
    }

    public record ReplayResult(String partner, int requeued, int skipped, List<UUID> eventIds) {
    }

    public Partner partner(String name) {
        return properties.partner(name).orElseThrow(() -> new UnknownPartnerException(name));
    }

    /** Replays one event; false when it is unknown or not replayable (delivered, in flight, already requested). */
    public boolean replayOne(String partnerName, UUID eventId) {
        Partner partner = partner(partnerName);
        String body = ledger.messageBody(partner.name(), eventId).orElse(null);
        if (body == null || !ledger.markReplayRequested(partner.name(), eventId)) {
            return false;
        }
        queues.requeue(partner, body);
        return true;
    }

    public ReplayResult replayRange(String partnerName, Instant from, Instant to, List<DeliveryStatus> statuses, int limit) {
        Partner partner = partner(partnerName);
        List<DeliveryStatus> wanted = statuses == null || statuses.isEmpty()
                ? List.of(DeliveryStatus.SUPPRESSED, DeliveryStatus.DEAD_LETTERED)
                : statuses.stream().filter(DeliveryStatus::replayable).toList();
        int requeued = 0;
        int skipped = 0;
        List<UUID> ids = new java.util.ArrayList<>();
        for (Delivery d : ledger.search(partner.name(), wanted, null, from, to, Math.min(limit, MAX_PER_CALL))) {
            if (replayOne(partner.name(), d.eventId())) {
                requeued++;
                ids.add(d.eventId());
            } else {
                skipped++;
            }
        }
        return new ReplayResult(partner.name(), requeued, skipped, ids);
    }

    /**
     * Moves up to {@code max} messages from the partner's DLQ back to its queue. Each batch's deliveries are marked
     * REPLAY_REQUESTED before any of them is back on the queue, so that the dispatcher sees them as pending
     * predecessors and events of one bucket go out in their order again.
     */
    public int redriveDlq(String partnerName, int max) {
        Partner partner = partner(partnerName);
        return queues.redrive(partner, Math.min(max, MAX_PER_CALL), bodies -> bodies.forEach(body ->
                eventId(body).ifPresent(id -> ledger.markReplayRequested(partner.name(), id))));
    }

    /** The event id of a partner queue message (an EventBridge event), when it has one. */
    private Optional<UUID> eventId(String body) {
        try {
            return Optional.of(UUID.fromString(json.readTree(body).path("detail").path("eventId").asString("")));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    public static class UnknownPartnerException extends RuntimeException {
        public UnknownPartnerException(String partner) {
            super("unknown partner: " + partner);
        }
    }
}
