package com.tact.alerting.alert;

/** How urgent an alert is; without an explicit topic it also picks the audience (the lower-cased name). */
public enum Severity {
    CRITICAL, WARNING, INFO;

    public String defaultTopic() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
