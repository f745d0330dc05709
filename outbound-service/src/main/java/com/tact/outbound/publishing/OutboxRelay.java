package com.tact.outbound.publishing;

import com.tact.outbound.config.OutboundProperties;
import com.tact.outbound.publishing.internal.OutboxRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes pending outbox_event rows (written by any service in its own transaction) to the event bus.
 *
 * <p>One batch is one transaction: the rows are locked ({@code FOR UPDATE SKIP LOCKED}, under a
 * transaction-scoped advisory lock so that one instance publishes at a time and creation order is kept),
 * published with one PutEvents call, the failed entries alone retried, and the accepted ones stamped
 * {@code published_at}. A crash between PutEvents and the commit leaves the rows pending: they are published
 * again and consumers discard the duplicate by event id (the delivery ledger's key). A row that the bus keeps
 * refusing (or can never take) is parked after {@code park-after-refusals} refusals, with its reason and an
 * {@code OutboxEventParked} event, and the relay goes on with the rest.
 */
@Component
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxRepository outbox;
    private final EventPublisher publisher;
    private final TransactionTemplate tx;
    private final OutboundProperties.Relay config;
    private final Counter publishCalls;
    private final Counter published;
    private final Counter parked;
    private final OutboxWriter writer;

    /** Announces a parked row; alerting-service's rule routes it to operators. */
    public static final String PARKED_EVENT = "OutboxEventParked";

    OutboxRelay(OutboxRepository outbox, EventPublisher publisher, TransactionTemplate tx, OutboundProperties properties,
                MeterRegistry meters, OutboxWriter writer) {
        this.writer = writer;
        this.parked = meters.counter("tact.outbox.parked");
        this.outbox = outbox;
        this.publisher = publisher;
        this.tx = tx;
        this.config = properties.relay();
        this.publishCalls = meters.counter("tact.outbox.publish.calls");
        this.published = meters.counter("tact.outbox.published");
    }

    private Map<UUID, EventPublisher.Refusal> publish(List<PendingEvent> events) {
        publishCalls.increment();
        return publisher.publish(events);
    }

    /** Publishes batches until the backlog is empty, a batch had failures or the per-poll limit is reached. */
    public int drain() {
        int total = 0;
        for (int i = 0; i < config.maxBatchesPerPoll(); i++) {
            BatchResult r = tx.execute(status -> relayBatch());
            if (r == null) {
                break;
            }
            total += r.published();
            if (r.taken() < config.batchSize() || r.failed() > 0) {
                break;
            }
        }
        return total;
    }

    /** Runs the drain and never lets an error stop the schedule. */
    public void poll() {
        try {
            drain();
        } catch (RuntimeException e) {
            log.warn("outbox relay poll failed; retrying on the next poll: {}", e.toString());
        }
    }

    private BatchResult relayBatch() {
        if (!outbox.tryRelayLock()) {
            return null;
        }
        List<PendingEvent> batch = outbox.lockPending(Math.min(config.batchSize(), EventPublisher.MAX_BATCH));
        if (batch.isEmpty()) {
            return new BatchResult(0, 0, 0);
        }
        Map<UUID, EventPublisher.Refusal> refused = new HashMap<>();
        Map<UUID, String> callFailed = new HashMap<>();
        try {
            refused.putAll(publish(batch));
            for (int retry = 0; retry < config.entryRetries() && refused.values().stream().anyMatch(r -> !r.permanent()); retry++) {
                List<PendingEvent> again = batch.stream().filter(e -> refused.containsKey(e.id()) && !refused.get(e.id()).permanent())
                        .toList();
                again.forEach(e -> refused.remove(e.id()));
                refused.putAll(publish(again));
            }
        } catch (EventPublisher.RequestRejectedException e) {
            // one entry spoils the request for all: one by one, the culprit is refused (and parked in time), the rest go
            refused.clear();
            for (PendingEvent event : batch) {
                try {
                    refused.putAll(publish(List.of(event)));
                } catch (EventPublisher.RequestRejectedException one) {
                    refused.put(event.id(), EventPublisher.Refusal.retryable(one.getMessage()));
                } catch (RuntimeException down) {
                    callFailed.put(event.id(), "PutEvents failed: " + down.getMessage());
                }
            }
        } catch (RuntimeException e) {
            // the whole call failed (throttled, the bus unreachable): says nothing about the rows, none is refused
            for (PendingEvent event : batch) {
                if (!refused.containsKey(event.id())) {
                    callFailed.put(event.id(), "PutEvents failed: " + e.getMessage());
                }
            }
        }
        List<UUID> published = new ArrayList<>();
        for (PendingEvent event : batch) {
            if (!refused.containsKey(event.id()) && !callFailed.containsKey(event.id())) {
                published.add(event.id());
            }
        }
        outbox.markPublished(published);
        this.published.increment(published.size());
        outbox.markFailed(callFailed);
        for (PendingEvent event : batch) {
            EventPublisher.Refusal refusal = refused.get(event.id());
            if (refusal != null) {
                refuse(event, refusal);
            }
        }
        int failed = refused.size() + callFailed.size();
        if (failed > 0) {
            log.warn("outbox relay: {} of {} entries not accepted by the bus (first: {})", failed, batch.size(),
                    refused.isEmpty() ? callFailed.values().iterator().next() : refused.values().iterator().next().reason());
        }
        return new BatchResult(batch.size(), published.size(), failed);
    }

    /**
     * Counts the refusal; a row refused for good, or for the {@code park-after-refusals}-th time, is parked with its
     * reason (the relay goes on with the rest) and an {@code OutboxEventParked} event tells operators, in the same
     * transaction.
     */
    private void refuse(PendingEvent event, EventPublisher.Refusal refusal) {
        int refusals = outbox.markRefused(event.id(), refusal.reason(), refusal.permanent(), config.parkAfterRefusals());
        if (refusals == 0) {
            return;
        }
        parked.increment();
        log.error("outbox relay: parked {} event {} of {} after {} refusal(s): {}", event.eventType(), event.id(), event.source(),
                refusals, refusal.reason());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("outboxEventId", event.id().toString());
        payload.put("source", event.source());
        payload.put("eventType", event.detailType());
        payload.put("aggregateType", event.aggregateType());
        payload.put("aggregateId", event.aggregateId());
        payload.put("refusals", refusals);
        payload.put("reason", refusal.reason().length() > 1000 ? refusal.reason().substring(0, 1000) : refusal.reason());
        writer.write(PARKED_EVENT, "outbox", event.id().toString(), payload);
    }

    private record BatchResult(int taken, int published, int failed) {
    }
}
