package com.tact.alerting.alert.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import com.tact.alerting.config.AlertingProperties;
import org.springframework.stereotype.Component;

/**
 * Which topics the relay is backing off from, since when and why. The relay reads it before each drain; the
 * health indicator and the gauge {@code tact.alerting.outbox.failing{topic}} (consecutive failures, 0 when the
 * topic publishes) show it to operators.
 */
@Component
public class TopicBackoffs {

    /** One topic's run of failures: how many in a row, the last reason, and when the next attempt may be made. */
    public record Failing(String topic, int failures, String lastError, Instant since, Instant retryAt) {
    }

    private final Backoff backoff;
    private final Map<String, Failing> failing = new ConcurrentHashMap<>();

    TopicBackoffs(AlertingProperties properties, MeterRegistry meters) {
        this.backoff = new Backoff(properties.outbox().initialBackoff(), properties.outbox().maxBackoff());
        for (String topic : properties.topics().keySet()) {
            Gauge.builder("tact.alerting.outbox.failing", failing, f -> f.containsKey(topic) ? f.get(topic).failures() : 0)
                    .tag("topic", topic)
                    .description("consecutive failed publish attempts of the topic; 0 when it publishes")
                    .register(meters);
        }
    }

    boolean waiting(String topic, Instant now) {
        var f = failing.get(topic);
        return f != null && now.isBefore(f.retryAt());
    }

    /** Records a failure and returns how long the topic now waits. */
    Duration failed(String topic, String error, Instant now) {
        var f = failing.compute(topic, (t, old) -> {
            int failures = old == null ? 1 : old.failures() + 1;
            return new Failing(t, failures, error, old == null ? now : old.since(), now.plus(backoff.after(failures)));
        });
        return Duration.between(now, f.retryAt());
    }

    /** True when the topic had been failing. */
    boolean succeeded(String topic) {
        return failing.remove(topic) != null;
    }

    public Optional<Failing> failing(String topic) {
        return Optional.ofNullable(failing.get(topic));
    }

    public Collection<Failing> all() {
        return failing.values();
    }
}
