package com.tact.outbound.ledger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One event for one partner, with its attempts when asked for. */
public record Delivery(String partner, UUID eventId, String eventType, String bucketId, DeliveryStatus status,
                       int attempts, Integer lastStatusCode, String lastError, Instant firstSeenAt, Instant updatedAt,
                       Instant deliveredAt, List<Attempt> attemptLog) {

    public record Attempt(long id, String endpoint, String outcome, Integer statusCode, Integer latencyMs, String error,
                          Instant attemptedAt) {
    }
}
