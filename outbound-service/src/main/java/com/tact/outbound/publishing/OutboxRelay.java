package com.tact.outbound.publishing;

import com.tact.outbound.config.OutboundProperties;
import com.tact.outbound.publishing.internal.OutboxRepository;
import java.util.ArrayList;
import java.util.HashMap;
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
 * again and consumers discard the duplicate by event id (the delivery ledger's key).
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

    OutboxRelay(OutboxRepository outbox, EventPublisher publisher, TransactionTemplate tx, OutboundProperties properties,
                MeterRegistry meters) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.tx = tx;
        this.config = properties.relay();
        this.publishCalls = meters.counter("tact.outbox.publish.calls");
        this.published = meters.counter("tact.outbox.published");
    }

    private Map<UUID, String> publish(List<PendingEvent> events) {
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
        Map<UUID, String> failed = new HashMap<>();
        try {
            failed.putAll(publish(batch));
            for (int retry = 0; retry < config.entryRetries() && !failed.isEmpty(); retry++) {
                Map<UUID, String> previous = Map.copyOf(failed);
                List<PendingEvent> again = batch.stream().filter(e -> previous.containsKey(e.id())).toList();
                failed.clear();
                failed.putAll(publish(again));
            }
        } catch (RuntimeException e) {
            failed.clear();
            for (PendingEvent event : batch) {
                failed.put(event.id(), "PutEvents failed: " + e.getMessage());
            }
        }
        List<UUID> published = new ArrayList<>();
        for (PendingEvent event : batch) {
            if (!failed.containsKey(event.id())) {
                published.add(event.id());
            }
        }
        outbox.markPublished(published);
        this.published.increment(published.size());
        outbox.markFailed(failed);
        if (!failed.isEmpty()) {
            log.warn("outbox relay: {} of {} entries not accepted by the bus; they stay pending (first: {})",
                    failed.size(), batch.size(), failed.values().iterator().next());
        }
        return new BatchResult(batch.size(), published.size(), failed.size());
    }

    private record BatchResult(int taken, int published, int failed) {
    }
}
