package com.tact.alerting.silence;

import java.time.Instant;

/** Mutes alerts during planned maintenance. Every non-null matcher must match. */
public record Silence(long id, String topic, String source, String dedupKeyPrefix, Instant startsAt, Instant endsAt,
                      String comment, String createdBy, Instant createdAt, Instant expiredAt) {

    public boolean activeAt(Instant now) {
        return expiredAt == null && !now.isBefore(startsAt) && now.isBefore(endsAt);
    }
}
