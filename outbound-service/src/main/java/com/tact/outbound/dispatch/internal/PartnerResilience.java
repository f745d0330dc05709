package com.tact.outbound.dispatch.internal;

import com.tact.outbound.config.OutboundProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import org.springframework.stereotype.Component;
import com.tact.outbound.publishing.OutboxWriter;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One circuit breaker and one retry per partner (Resilience4j). Retried: {@link RetryableFailure}s, after an
 * exponential backoff with jitter, or after the partner's Retry-After. Counted against the breaker: 5xx, 408,
 * time-outs and connection errors; a 4xx answer (429 included) says nothing about the partner's health.
 */
@Component
public class PartnerResilience {

    private final CircuitBreakerRegistry breakers;
    private final RetryRegistry retries;

    private static final Logger log = LoggerFactory.getLogger(PartnerResilience.class);

    PartnerResilience(OutboundProperties properties, OutboxWriter outbox, MeterRegistry meters) {
        OutboundProperties.Breaker b = properties.dispatch().circuitBreaker();
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(b.slidingWindowSize())
                .minimumNumberOfCalls(b.minimumNumberOfCalls())
                .failureRateThreshold(b.failureRateThreshold())
                .waitDurationInOpenState(b.waitDurationInOpenState())
                .permittedNumberOfCallsInHalfOpenState(b.permittedCallsInHalfOpenState())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(e -> e instanceof RetryableFailure r && r.countsAgainstBreaker())
                .ignoreException(e -> e instanceof PermanentFailure || e instanceof DeferredFailure || (e instanceof RetryableFailure r && !r.countsAgainstBreaker()))
                .build());
        OutboundProperties.Retry r = properties.dispatch().retry();
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(r.initialBackoff(), r.multiplier(), r.jitter(),
                r.maxBackoff());
        this.retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(r.maxAttempts())
                .retryOnException(e -> e instanceof RetryableFailure)
                .intervalBiFunction((attempt, result) -> {
                    if (result.isLeft() && result.getLeft() instanceof RetryableFailure f && f.retryAfter() != null) {
                        return f.retryAfter().toMillis();
                    }
                    return backoff.apply(attempt);
                })
                .failAfterMaxAttempts(false)
                .build());
        announceOpenings(outbox);
        // resilience4j_circuitbreaker_state{name=<partner>,state=...}, resilience4j_retry_calls{name=<partner>,kind=...}
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
    }

    public CircuitBreaker breaker(String partner) {
        return breakers.circuitBreaker(partner);
    }

    /**
     * Announces a partner's circuit opening from CLOSED (a re-open from HALF_OPEN is the same incident) as a
     * {@code CircuitOpened} event; alerting-service warns operators on it.
     */
    private void announceOpenings(OutboxWriter outbox) {
        breakers.getEventPublisher().onEntryAdded(added -> added.getAddedEntry().getEventPublisher().onStateTransition(t -> {
            if (t.getStateTransition() != CircuitBreaker.StateTransition.CLOSED_TO_OPEN) {
                return;
            }
            CircuitBreaker b = added.getAddedEntry();
            try {
                outbox.write("CircuitOpened", "partner", b.getName(), Map.of("partner", b.getName(),
                        "failureRate", b.getMetrics().getFailureRate(),
                        "openSeconds", b.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1) / 1000));
            } catch (RuntimeException e) {
                log.warn("could not record that the circuit of {} opened: {}", b.getName(), e.toString());
            }
        }));
    }

    public Retry retry(String partner) {
        return retries.retry(partner);
    }
}
