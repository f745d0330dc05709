package com.tact.outbound.publishing;

import com.tact.outbound.publishing.internal.OutboxRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The outbox as operators watch it: {@code tact.outbox.pending} rows waiting for the relay, the age of the oldest
 * in seconds ({@code tact.outbox.oldest.age}, what the CloudWatch alarm watches) and {@code tact.outbox.parked.rows}
 * (the counter {@code tact.outbox.parked} counts parkings).
 * One query serves the three gauges for a few seconds, so that a scrape costs one query, not three.
 */
@Component
class OutboxMetrics implements MeterBinder {

    private static final Duration FRESH = Duration.ofSeconds(5);

    private final OutboxRepository outbox;
    private volatile Map<String, Object> last = Map.of();
    private volatile Instant readAt = Instant.EPOCH;

    OutboxMetrics(OutboxRepository outbox) {
        this.outbox = outbox;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("tact.outbox.pending", this, m -> m.number("pending")).description("outbox rows waiting for the relay")
                .register(registry);
        Gauge.builder("tact.outbox.parked.rows", this, m -> m.number("parked")).description("outbox rows parked, unpublished")
                .register(registry);
        Gauge.builder("tact.outbox.oldest.age", this, OutboxMetrics::oldestAgeSeconds).baseUnit("seconds")
                .description("age of the oldest row waiting for the relay").register(registry);
    }

    private synchronized Map<String, Object> backlog() {
        if (Instant.now().isAfter(readAt.plus(FRESH))) {
            try {
                last = outbox.backlog();
            } catch (RuntimeException e) {
                last = Map.of();   // the database is away: the gauges say NaN rather than fail the scrape
            }
            readAt = Instant.now();
        }
        return last;
    }

    private double number(String key) {
        return backlog().get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private double oldestAgeSeconds() {
        var oldest = backlog().get("oldest");
        if (!(oldest instanceof String s)) {
            return Double.NaN;
        }
        return s.isEmpty() ? 0 : Duration.between(Instant.parse(s), Instant.now()).toMillis() / 1000.0;
    }
}
