package com.tact.alerting.alert;

import java.time.Instant;
import java.util.UUID;

/** One alert as the history shows it (without its body, which can be megabytes: see AlertService#body). */
public record Alert(UUID alertId, long seq, String topic, Severity severity, String source, String dedupKey,
                    String title, int bodyBytes, AlertState state, int occurrences, UUID duplicateOf, Long silenceId,
                    String snsMessageId, String payloadPointer, int attempts, String lastError, Instant receivedAt,
                    Instant publishAfter, Instant publishedAt, String originEventId) {
}
