package com.tact.alerting.alert;

import java.util.UUID;

/**
 * What the relay hands to a {@link NotificationPublisher}: one alert group, with how often it occurred, and the
 * W3C traceparent of the trace it was raised in (null when none), which the publish continues.
 */
public record Notification(UUID alertId, String topic, Severity severity, String source, String dedupKey,
                           String title, String body, int occurrences, String traceparent) {

    public Notification(UUID alertId, String topic, Severity severity, String source, String dedupKey,
                        String title, String body, int occurrences) {
        this(alertId, topic, severity, source, dedupKey, title, body, occurrences, null);
    }
}
