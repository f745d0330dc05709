package com.tact.outbound.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.tact.outbound.config.OutboundProperties;
import com.tact.outbound.dispatch.internal.DeliveryHeartbeat;
import com.tact.outbound.dispatch.internal.EndpointSelector;
import com.tact.outbound.dispatch.internal.PartnerEvents;
import com.tact.outbound.dispatch.internal.PartnerResilience;
import com.tact.outbound.ledger.DeliveryLedger;
import com.tact.outbound.ledger.DeliveryStatus;
import com.tact.outbound.partner.PartnerEndpoint;
import com.tact.outbound.partner.UrlGuard;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import tools.jackson.databind.json.JsonMapper;

/** What the dispatcher decides when something it did not foresee fails (collaborators faked). */
class PartnerDispatcherTest {

    private static final UUID EVENT = UUID.randomUUID();
    private static final String BODY = """
            {"source":"tact.inbound","detail-type":"AllocationsChanged.v1","time":"2026-01-01T00:00:00Z",
             "detail":{"eventId":"%s","bucketId":"B1"}}""".formatted(EVENT);

    private final DeliveryLedger ledger = mock(DeliveryLedger.class);
    private final EndpointSelector selector = mock(EndpointSelector.class);
    private final PartnerResilience resilience = mock(PartnerResilience.class);
    private final DeliveryHeartbeat heartbeat = mock(DeliveryHeartbeat.class);
    private final AtomicInteger calls = new AtomicInteger();
    private final CircuitBreaker breaker = CircuitBreaker.of("p", CircuitBreakerConfig.custom()
            .recordException(e -> e instanceof com.tact.outbound.dispatch.internal.RetryableFailure r && r.countsAgainstBreaker())
            .build());
    private PartnerDispatcher dispatcher;

    @BeforeEach
    void wire() {
        var retry = new OutboundProperties.Retry(2, Duration.ofMillis(1), 1.0, 0.0, Duration.ofMillis(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1));
        var breakerConfig = new OutboundProperties.Breaker(10, 5, 50, Duration.ofSeconds(1), 1);
        var dispatch = new OutboundProperties.Dispatch(true, 1, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(60), Duration.ofSeconds(20), Duration.ofSeconds(60), 65536, Duration.ofSeconds(1),
                Duration.ofMinutes(15), retry, breakerConfig, List.of("127.0.0.1"));
        var partner = new OutboundProperties.Partner("custodian-a", "q", "dlq", 5, "http://127.0.0.1:1/token", "custodian-a", "s", null,
                List.of(new OutboundProperties.Endpoint("primary", "http://127.0.0.1:1/x", 1)), List.of("AllocationsChanged"), List.of());
        var properties = new OutboundProperties("bus", Duration.ofSeconds(1), null, dispatch, List.of(partner));
        when(ledger.claim(anyString(), any(), anyString(), anyString(), anyString(), any()))
                .thenReturn(new DeliveryLedger.Claim(DeliveryLedger.ClaimOutcome.CLAIMED, UUID.randomUUID()));
        when(ledger.gate(anyString(), any(), anyString(), any(), any())).thenReturn(new DeliveryLedger.Gate(false, Optional.empty()));
        when(ledger.finish(anyString(), any(), any(), any(), any())).thenReturn(true);
        when(ledger.deadLettered(anyString(), any(), any(), any(), any(), any())).thenReturn(true);
        when(selector.next(anyString())).thenReturn(new PartnerEndpoint("primary", "http://127.0.0.1:1/x", 1));
        when(resilience.breaker(anyString())).thenReturn(breaker);
        when(resilience.retry(anyString())).thenReturn(Retry.of("p", RetryConfig.custom().maxAttempts(2)
                .retryOnException(e -> e instanceof com.tact.outbound.dispatch.internal.RetryableFailure).waitDuration(Duration.ofMillis(1))
                .failAfterMaxAttempts(false).build()));
        when(heartbeat.start(anyString(), any())).thenReturn(new DeliveryHeartbeat.Beat(mock(ScheduledFuture.class), new AtomicBoolean()));
        PartnerGateway gateway = (p, uri, id, body) -> {
            calls.incrementAndGet();
            return new PartnerGateway.Response(PartnerGateway.Outcome.SUCCESS, 200, null, 5, null);
        };
        dispatcher = new PartnerDispatcher(properties, ledger, selector, new UrlGuard(properties), gateway, resilience,
                new PartnerEvents(JsonMapper.builder().build()), heartbeat, new SimpleMeterRegistry(),
                new com.tact.shared.tracing.MessageTracing(io.micrometer.tracing.Tracer.NOOP, io.micrometer.tracing.propagation.Propagator.NOOP));
    }

    @Test
    void aDatabaseTimeOutDuringTheCallIsRetriedCountedByTheBreakerAndRecorded() {
        doThrow(new QueryTimeoutException("canceling statement due to statement timeout")).when(ledger)
                .delivered(anyString(), any(), any(), anyString(), anyInt(), anyInt());

        Decision decision = dispatcher.handle("custodian-a", "m1", BODY, 1, MessageLease.NONE);

        assertThat(decision).isInstanceOf(Decision.RetryLater.class);
        assertThat(((Decision.RetryLater) decision).why()).startsWith("unexpected QueryTimeoutException");
        assertThat(calls.get()).isEqualTo(2);                                   // both attempts of the inline retry
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(2);
        verify(ledger).finish(eq("custodian-a"), eq(EVENT), any(), eq(DeliveryStatus.RETRYING), startsWith("unexpected QueryTimeoutException"));
    }

    @Test
    void aDatabaseTimeOutOnTheLastReceiveEndsDeadLetteredWithTheReason() {
        when(ledger.gate(anyString(), any(), anyString(), any(), any()))
                .thenThrow(new QueryTimeoutException("canceling statement due to statement timeout"));

        Decision decision = dispatcher.handle("custodian-a", "m1", BODY, 5, MessageLease.NONE);

        assertThat(decision).isInstanceOf(Decision.DeadLetter.class);
        assertThat(((Decision.DeadLetter) decision).reason())
                .isEqualTo("retry budget spent (5 receives): unexpected QueryTimeoutException: canceling statement due to statement timeout");
        verify(ledger).deadLettered(eq("custodian-a"), eq(EVENT), any(), eq("AllocationsChanged"), eq("B1"),
                startsWith("retry budget spent (5 receives): unexpected QueryTimeoutException"));
    }

    @Test
    void aBugIsPermanentAndDeadLetteredAtOnce() {
        when(ledger.gate(anyString(), any(), anyString(), any(), any())).thenThrow(new NullPointerException("switch row without a partner"));

        Decision decision = dispatcher.handle("custodian-a", "m1", BODY, 1, MessageLease.NONE);

        assertThat(decision).isInstanceOf(Decision.DeadLetter.class);
        assertThat(((Decision.DeadLetter) decision).reason()).isEqualTo("unexpected NullPointerException: switch row without a partner");
        assertThat(calls.get()).isZero();
    }

    @Test
    void waitingForAnEarlierEventOfTheBucketIsARequeueNotAFailedReceive() {
        when(ledger.gate(anyString(), any(), anyString(), any(), any()))
                .thenReturn(new DeliveryLedger.Gate(false, Optional.of(UUID.randomUUID())));

        Decision decision = dispatcher.handle("custodian-a", "m1", BODY, 5, MessageLease.NONE);

        assertThat(decision).isInstanceOf(Decision.Requeue.class);
        assertThat(calls.get()).isZero();
        verify(ledger, org.mockito.Mockito.never()).deadLettered(anyString(), any(), any(), any(), any(), any());
    }
}
