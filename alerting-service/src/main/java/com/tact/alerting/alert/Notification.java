package com.tact.alerting.alert;

import java.util.UUID;

/** What the relay hands to a {@link NotificationPublisher}: one alert group, with how often it occurred. */
public record Notification(UUID alertId, String topic, Severity severity, String source, String dedupKey,
                           String title, String body, int occurrences) {
}
