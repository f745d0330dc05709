package com.tact.outbound.publishing;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Port: puts a batch of events on the event bus. */
public interface EventPublisher {

    /** The most events one call takes (EventBridge PutEvents: 10). */
    int MAX_BATCH = 10;

    /**
     * Publishes up to {@link #MAX_BATCH} events in one call. Returns the entries that failed (event id to the
     * reason); an empty map means every entry was accepted. Throws when the whole call failed.
     */
    Map<UUID, String> publish(List<PendingEvent> events);
}
