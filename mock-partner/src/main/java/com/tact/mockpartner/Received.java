package com.tact.mockpartner;

import java.time.Instant;

/** What the mock partner saw on one call (its trace context header included) and what it answered. */
record Received(long n, String partner, String endpoint, String idempotencyKey, String eventType, String bucketId,
                Object body, int answeredStatus, boolean duplicate, Instant receivedAt, String traceparent) {
}
