package com.tact.alerting.alert.internal;

import com.tact.alerting.config.AlertingProperties;
import java.time.Duration;
import java.util.Map;

/** Properties as application.yml gives them, for unit tests. */
final class AlertingFixture {

    private AlertingFixture() {
    }

    static AlertingProperties properties(Map<String, Integer> topicRates) {
        return new AlertingProperties(null,
                Map.of("critical", "local-alerting-critical", "warning", "local-alerting-warning", "info", "local-alerting-info"),
                new AlertingProperties.Payload("local-alerting-payloads", 245760, false, 8388608),
                new AlertingProperties.Outbox(Duration.ofMillis(200), 50, Duration.ofMillis(500), Duration.ofSeconds(60),
                        120, Duration.ofSeconds(5), topicRates),
                new AlertingProperties.Dedup(Duration.ofMinutes(5), Duration.ofSeconds(10)),
                new AlertingProperties.Events(true, "local-alerting-events"), Duration.ofSeconds(5), java.util.List.of());
    }
}
