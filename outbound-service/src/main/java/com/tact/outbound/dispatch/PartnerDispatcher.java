package com.tact.outbound.dispatch;

import com.tact.outbound.config.OutboundProperties;
import com.tact.shared.tracing.MessageTracing;
import io.micrometer.tracing.Span;
import com.tact.outbound.config.OutboundProperties.Partner;
import com.tact.outbound.dispatch.internal.CallOutcomePolicy;
import com.tact.outbound.dispatch.internal.ClaimLostException;
import com.tact.outbound.dispatch.internal.DeferredFailure;
import com.tact.outbound.dispatch.internal.DeliveryHeartbeat;
import com.tact.outbound.dispatch.internal.EndpointSelector;
import com.tact.outbound.dispatch.internal.FailureClassifier;
import com.tact.outbound.dispatch.internal.PartnerEvent;
import com.tact.outbound.dispatch.internal.PartnerEvents;
import com.tact.outbound.dispatch.internal.PartnerResilience;
import com.tact.outbound.dispatch.internal.PermanentFailure;
import com.tact.outbound.dispatch.internal.RetryableFailure;
import com.tact.outbound.ledger.DeliveryLedger;
import com.tact.outbound.ledger.DeliveryStatus;
import com.tact.outbound.partner.PartnerEndpoint;
import com.tact.outbound.partner.UrlGuard;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;

/**
 * Handles one message of a partner queue (an EventBridge event): reads it, discards a duplicate, honours the
 * partner's switch for the bucket, keeps per-bucket order, calls the partner (retry, circuit breaker, one fresh
 * token on 401) under a claim that a heartbeat keeps alive, records every attempt in the ledger and says what to
 * do with the message.
 */
@Service
public class PartnerDispatcher {

    private static final Logger log = LoggerFactory.getLogger(PartnerDispatcher.class);
    private static final Duration BUSY_RETRY = Duration.ofSeconds(5);
    private static final Duration MAX_VISIBILITY = Duration.ofHours(12);

    private final OutboundProperties properties;
    private final DeliveryLedger ledger;
    private final EndpointSelector selector;
    private final UrlGuard urlGuard;
    private final PartnerGateway gateway;
    private final PartnerResilience resilience;
    private final PartnerEvents events;
    private final DeliveryHeartbeat heartbeat;
    private final Counter busy;
    private final MessageTracing tracing;

    PartnerDispatcher(OutboundProperties properties, DeliveryLedger ledger, EndpointSelector selector,
                      UrlGuard urlGuard, PartnerGateway gateway, PartnerResilience resilience, PartnerEvents events,
                      DeliveryHeartbeat heartbeat, MeterRegistry meters, MessageTracing tracing) {
        this.tracing = tracing;
        this.properties = properties;
        this.ledger = ledger;
        this.selector = selector;
        this.urlGuard = urlGuard;
        this.gateway = gateway;
        this.resilience = resilience;
        this.events = events;
        this.heartbeat = heartbeat;
        this.busy = meters.counter("tact.dispatch.busy");
    }

    /** One claimed delivery: the partner, the event, and the token that fences this holder's ledger writes. */
    private record Job(Partner partner, PartnerEvent event, UUID token, int receiveCount) {
    }

    public Decision handle(String partnerName, String messageId, String body, int receiveCount, MessageLease lease) {
        Partner partner = properties.partner(partnerName).orElse(null);
        PartnerEvent event;
        try {
            if (partner == null) {
                throw new IllegalArgumentException("unknown partner: " + partnerName);
            }
            event = events.read(body);
        } catch (IllegalArgumentException | JacksonException e) {
            String reason = "malformed message: " + e.getMessage();
            log.warn("partner {}: dead-lettering message {}: {}", partnerName, messageId, reason);
            ledger.recordUnreadable(partnerName, PartnerEvents.messageKey(messageId), body, reason);
            return new Decision.DeadLetter(reason);
        }

        Duration claimLease = properties.dispatch().claimLease();
        DeliveryLedger.Claim claim = ledger.claim(partner.name(), event.id(), event.type(), event.bucketId(), body, claimLease);
        switch (claim.outcome()) {
            case ALREADY_DELIVERED -> {
                return new Decision.Ack("duplicate of a delivered event: discarded");
            }
            case BUSY -> {
                busy.increment();
                return new Decision.Requeue(BUSY_RETRY, "another instance is delivering it");
            }
            case CLAIMED -> {
            }
        }
        Job job = new Job(partner, event, claim.token(), receiveCount);
        // the queue message has no trace of its own (EventBridge to SQS): the delivery continues the event's
        var span = tracing.startChild(event.traceparent(), "deliver " + partner.name(), Span.Kind.CONSUMER)
                .tag("messaging.system", "aws_sqs").tag("messaging.operation.type", "process")
                .tag("messaging.message.id", event.id().toString()).tag("tact.partner", partner.name())
                .tag("tact.event.type", event.type());
        return tracing.within(span, () -> handleClaimed(job, lease, claimLease));
    }

    private Decision handleClaimed(Job job, MessageLease lease, Duration claimLease) {
        Partner partner = job.partner();
        PartnerEvent event = job.event();
        try (DeliveryHeartbeat.Beat beat = heartbeat.start(partner.name() + "/" + event.id(), () -> {
            if (!ledger.renew(partner.name(), event.id(), job.token(), claimLease)) {
                return false;
            }
            lease.extend();
            return true;
        })) {
            return dispatch(job, beat);
        } catch (RuntimeException e) {
            // whatever went wrong around the call (the database, a bug): recorded, retried, dead-lettered in the end
            return failed(job, FailureClassifier.classify(e));
        }
    }

    private Decision dispatch(Job job, DeliveryHeartbeat.Beat beat) {
        Partner partner = job.partner();
        PartnerEvent event = job.event();
        // the switch and the per-bucket order, read in one round trip
        DeliveryLedger.Gate gate = ledger.gate(partner.name(), event.id(), event.bucketId(), partner.eventTypesOrEmpty(),
                properties.dispatch().orderingHorizon());
        if (gate.switchedOff()) {
            ledger.finish(partner.name(), event.id(), job.token(), DeliveryStatus.SUPPRESSED, "switched off for bucket " + event.bucketId());
            return new Decision.Ack("suppressed");
        }
        // per-bucket order: an earlier event of this bucket for this partner goes first (standard SQS queues and
        // concurrent consumers do not keep order by themselves); waiting is not a failed receive
        UUID earlier = gate.earlierPending().orElse(null);
        if (earlier != null) {
            String why = "waiting for earlier event " + earlier + " of the bucket";
            ledger.finish(partner.name(), event.id(), job.token(), DeliveryStatus.RETRYING, why);
            return new Decision.Requeue(properties.dispatch().orderingWait(), why);
        }
        return deliver(job, beat);
    }

    private Decision deliver(Job job, DeliveryHeartbeat.Beat beat) {
        Partner partner = job.partner();
        byte[] payload = events.partnerBody(job.event());
        Retry retry = resilience.retry(partner.name());
        CircuitBreaker breaker = resilience.breaker(partner.name());
        Supplier<Delivered> call = Retry.decorateSupplier(retry,
                CircuitBreaker.decorateSupplier(breaker, () -> classified(() -> attempt(job, beat, payload))));
        try {
            Delivered delivered = call.get();
            if (!delivered.recorded()) {
                log.warn("partner {}: event {} delivered by an attempt whose claim was taken over", partner.name(), job.event().id());
            }
            return new Decision.Ack("delivered to " + delivered.endpoint());
        } catch (CallNotPermittedException open) {
            ledger.recordAttempt(partner.name(), job.event().id(), null, "CIRCUIT_OPEN", null, 0, "circuit open: call not made");
            return later(job, "circuit open", properties.dispatch().circuitBreaker().waitDurationInOpenState());
        } catch (ClaimLostException lost) {
            // the new holder decides; this copy of the message comes back and finds the event delivered or busy
            return new Decision.RetryLater(BUSY_RETRY, lost.getMessage());
        } catch (RuntimeException e) {
            return failed(job, e);
        }
    }

    private Decision failed(Job job, RuntimeException e) {
        return switch (e) {
            case PermanentFailure p -> deadLetter(job, p.getMessage());
            case DeferredFailure d -> later(job, d.getMessage(), d.after());
            case RetryableFailure r -> later(job, r.getMessage(),
                    properties.dispatch().retry().redeliveryBackoff().multipliedBy(Math.max(1, job.receiveCount())));
            default -> failed(job, FailureClassifier.classify(e));
        };
    }

    private Decision deadLetter(Job job, String reason) {
        try {
            ledger.deadLettered(job.partner().name(), job.event().id(), job.token(), job.event().type(), job.event().bucketId(), reason);
        } catch (RuntimeException e) {
            // the message still goes to the DLQ with its reason; the ledger catches up on a redrive
            log.warn("partner {}: could not record the dead letter of {}: {}", job.partner().name(), job.event().id(), e.toString());
        }
        return new Decision.DeadLetter(reason);
    }

    /**
     * Back on the queue for {@code after}, unless this was the last receive the partner's budget allows: then the
     * DLQ, with the reason (rather than SQS's redrive policy moving it there silently on the next receive).
     */
    private Decision later(Job job, String why, Duration after) {
        if (job.receiveCount() >= job.partner().maxReceiveCount()) {
            return deadLetter(job, "retry budget spent (" + job.receiveCount() + " receives): " + why);
        }
        try {
            ledger.finish(job.partner().name(), job.event().id(), job.token(), DeliveryStatus.RETRYING, why);
        } catch (RuntimeException e) {
            log.warn("partner {}: could not record the retry of {}: {}", job.partner().name(), job.event().id(), e.toString());
        }
        return new Decision.RetryLater(after.compareTo(MAX_VISIBILITY) > 0 ? MAX_VISIBILITY : after, why);
    }

    /** Unforeseen errors of one call become retryable or permanent failures, so that retry and breaker count them. */
    private static <T> T classified(Supplier<T> attempt) {
        try {
            return attempt.get();
        } catch (RuntimeException e) {
            throw e instanceof ClaimLostException ? e : FailureClassifier.classify(e);
        }
    }

    /** A successful call: the endpoint, and whether DELIVERED was written under this holder's claim. */
    private record Delivered(String endpoint, boolean recorded) {
    }

    /**
     * One call (and, on a 401, one more with a fresh token); throws what the retry and breaker decide on. A success
     * is recorded with the end of the claim in one ledger write; a failure of that write is retried like the call.
     */
    private Delivered attempt(Job job, DeliveryHeartbeat.Beat beat, byte[] payload) {
        Partner partner = job.partner();
        PartnerEvent event = job.event();
        if (beat.lost()) {
            throw new ClaimLostException("claim on " + event.id() + " was taken over: not calling " + partner.name() + " again");
        }
        PartnerEndpoint endpoint = selector.next(partner.name());
        URI target;
        try {
            target = urlGuard.checkSyntax(endpoint.url());
        } catch (UrlGuard.RefusedUrlException refused) {
            ledger.recordAttempt(partner.name(), event.id(), endpoint.label(), "REFUSED", null, 0, refused.getMessage());
            throw new PermanentFailure("endpoint " + endpoint.label() + " refused: " + refused.getMessage());
        }
        PartnerGateway.Response r = gateway.send(partner, target, event.id(), payload);
        if (r.outcome() == PartnerGateway.Outcome.UNAUTHORIZED) {
            record(job, endpoint, r);
            r = gateway.send(partner, target, event.id(), payload);
        }
        if (r.outcome() == PartnerGateway.Outcome.SUCCESS) {
            return new Delivered(endpoint.label(), ledger.delivered(partner.name(), event.id(), job.token(), endpoint.label(),
                    r.statusCode(), (int) Math.min(Integer.MAX_VALUE, r.latencyMs())));
        }
        record(job, endpoint, r);
        CallOutcomePolicy.check(r, endpoint.label(), properties.dispatch().retry().maxInlineRetryAfter());
        throw new IllegalStateException("outcome " + r.outcome() + " neither delivered nor failed");
    }

    /** The partner's circuit breaker state: CLOSED, OPEN or HALF_OPEN. */
    public String circuitState(String partner) {
        return resilience.breaker(partner).getState().name();
    }

    private void record(Job job, PartnerEndpoint endpoint, PartnerGateway.Response r) {
        ledger.recordAttempt(job.partner().name(), job.event().id(), endpoint.label(), r.outcome().name(),
                r.statusCode() == 0 ? null : r.statusCode(), (int) Math.min(Integer.MAX_VALUE, r.latencyMs()), r.error());
    }
}
