package com.tact.alerting.alert;

/**
 * A request to alert someone. {@code topic} (the audience) and {@code dedupKey} are optional: the severity picks
 * the topic, and source + title make the key. {@code originEventId} makes a redelivered suite event one alert.
 */
public record RaiseAlert(Severity severity, String topic, String source, String dedupKey, String title, String body,
                         String originEventId) {

    public static final int MAX_SOURCE = 128;
    public static final int MAX_TITLE = 200;
    public static final int MAX_DEDUP_KEY = 512;

    public String dedupKeyOrDefault() {
        return dedupKey == null || dedupKey.isBlank() ? source + "/" + title : dedupKey;
    }
}
