package com.tact.outbound.publishing;

import java.time.Instant;
import java.util.UUID;

/** An outbox_event row not yet published: what the relay hands to an {@link EventPublisher}. */
public record PendingEvent(UUID id, long seq, String source, String eventType, int eventVersion,
                           String aggregateType, String aggregateId, String payload, String traceparent,
                           Instant createdAt) {

    /** EventBridge detail-type: the event name and its version, e.g. {@code AllocationsChanged.v1}. */
    public String detailType() {
        return eventType + ".v" + eventVersion;
    }
}
