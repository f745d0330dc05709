package com.tact.alerting.alert.internal;

import java.util.TreeMap;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Says which topics the relay cannot publish to and why. Stays UP: a restart would not bring SNS back or create a
 * missing topic, so a failing topic must not make an orchestrator kill the instance that holds the alerts' outbox.
 */
@Component("alertRelay")
class AlertRelayHealthIndicator implements HealthIndicator {

    private final TopicBackoffs backoffs;

    AlertRelayHealthIndicator(TopicBackoffs backoffs) {
        this.backoffs = backoffs;
    }

    @Override
    public Health health() {
        var failing = new TreeMap<String, Object>();
        for (var f : backoffs.all()) {
            failing.put(f.topic(), new TreeMap<>(java.util.Map.of("failures", f.failures(), "lastError", f.lastError(),
                    "since", f.since().toString(), "retryAt", f.retryAt().toString())));
        }
        return Health.up().withDetail("failingTopics", failing).build();
    }
}
