package com.tact.outbound.publishing;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Port: puts a batch of events on the event bus. */
public interface EventPublisher {

    /** The most events one call takes (EventBridge PutEvents: 10). */
    int MAX_BATCH = 10;

    /**
     * Publishes up to {@link #MAX_BATCH} events in one call. Returns the entries that were refused (event id to
     * the refusal); an empty map means every entry was accepted. Throws when the whole call failed:
     * {@link RequestRejectedException} when the bus refused its content.
     */
    Map<UUID, Refusal> publish(List<PendingEvent> events);

    /**
     * The bus refused the whole request for what it contains (a validation error, not throttling or an outage):
     * one of the entries is to blame, and only sending them one by one tells which.
     */
    class RequestRejectedException extends RuntimeException {
        public RequestRejectedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Why the bus did not take an entry; {@code permanent} when it never will (too large, not a JSON object), so
     * that retrying it is pointless.
     */
    record Refusal(String reason, boolean permanent) {

        public static Refusal retryable(String reason) {
            return new Refusal(reason, false);
        }

        public static Refusal permanent(String reason) {
            return new Refusal(reason, true);
        }
    }
}
