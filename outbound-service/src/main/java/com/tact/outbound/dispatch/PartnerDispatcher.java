package com.tact.outbound.dispatch;

import com.tact.outbound.config.OutboundProperties;
import com.tact.outbound.config.OutboundProperties.Partner;
import com.tact.outbound.dispatch.internal.DeferredFailure;
import com.tact.outbound.dispatch.internal.EndpointSelector;
import com.tact.outbound.dispatch.internal.PartnerResilience;
import com.tact.outbound.dispatch.internal.PermanentFailure;
import com.tact.outbound.dispatch.internal.RetryableFailure;
import com.tact.outbound.ledger.DeliveryLedger;
import com.tact.outbound.ledger.DeliveryStatus;
import com.tact.outbound.partner.PartnerEndpoint;
import com.tact.outbound.partner.PartnerSwitches;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Handles one message of a partner queue (an EventBridge event): reads it, discards a duplicate, honours the
 * partner's switch for the bucket, calls the partner (retry, circuit breaker, one fresh token on 401), records
 * every attempt in the ledger and says what to do with the message.
 */
@Service
public class PartnerDispatcher {

    private static final Logger log = LoggerFactory.getLogger(PartnerDispatcher.class);
    private static final Pattern DETAIL_TYPE = Pattern.compile("^([A-Za-z][A-Za-z0-9]*)\\.v([0-9]{1,4})$");
    private static final Duration BUSY_RETRY = Duration.ofSeconds(5);
    private static final Duration MAX_VISIBILITY = Duration.ofHours(12);

    private final OutboundProperties properties;
    private final DeliveryLedger ledger;
    private final PartnerSwitches switches;
    private final EndpointSelector selector;
    private final UrlGuard urlGuard;
    private final PartnerGateway gateway;
    private final PartnerResilience resilience;
    private final JsonMapper json;

    PartnerDispatcher(OutboundProperties properties, DeliveryLedger ledger, PartnerSwitches switches, EndpointSelector selector,
                      UrlGuard urlGuard, PartnerGateway gateway, PartnerResilience resilience, JsonMapper json) {
        this.properties = properties;
        this.ledger = ledger;
        this.switches = switches;
        this.selector = selector;
        this.urlGuard = urlGuard;
        this.gateway = gateway;
        this.resilience = resilience;
        this.json = json;
    }

    /** The event as read from the queue message. */
    record Event(UUID id, String source, String type, int version, String bucketId, String traceparent, String time, JsonNode detail) {
    }

    public Decision handle(String partnerName, String messageId, String body, int receiveCount) {
        Partner partner = properties.partner(partnerName).orElse(null);
        Event event;
        try {
            if (partner == null) {
                throw new IllegalArgumentException("unknown partner: " + partnerName);
            }
            event = read(body);
        } catch (IllegalArgumentException | JacksonException e) {
            String reason = "malformed message: " + e.getMessage();
            log.warn("partner {}: dead-lettering message {}: {}", partnerName, messageId, reason);
            ledger.recordUnreadable(partnerName, messageKey(messageId), body, reason);
            return new Decision.DeadLetter(reason);
        }

        DeliveryLedger.Claim claim = ledger.claim(partner.name(), event.id(), event.type(), event.bucketId(), body,
                properties.dispatch().claimLease());
        switch (claim) {
            case ALREADY_DELIVERED -> {
                return new Decision.Ack("duplicate of a delivered event: discarded");
            }
            case BUSY -> {
                return new Decision.RetryLater(BUSY_RETRY, "another instance is delivering it");
            }
            case CLAIMED -> {
            }
        }
        if (!switches.enabled(partner.name(), event.bucketId())) {
            ledger.finish(partner.name(), event.id(), DeliveryStatus.SUPPRESSED, "switched off for bucket " + event.bucketId());
            return new Decision.Ack("suppressed");
        }
        // per-bucket order: an earlier event of this bucket for this partner goes first (standard SQS queues and
        // concurrent consumers do not keep order by themselves)
        UUID earlier = ledger.earlierPending(partner.name(), event.id(), event.bucketId(), partner.eventTypesOrEmpty(),
                properties.dispatch().orderingHorizon()).orElse(null);
        if (earlier != null) {
            return later(partner, event, receiveCount, "waiting for earlier event " + earlier + " of the bucket",
                    properties.dispatch().orderingWait());
        }
        return deliver(partner, event, receiveCount);
    }

    private Decision deliver(Partner partner, Event event, int receiveCount) {
        byte[] payload = partnerBody(event);
        Retry retry = resilience.retry(partner.name());
        CircuitBreaker breaker = resilience.breaker(partner.name());
        Supplier<String> call = Retry.decorateSupplier(retry,
                CircuitBreaker.decorateSupplier(breaker, () -> attempt(partner, event, payload)));
        try {
            String endpoint = call.get();
            ledger.finish(partner.name(), event.id(), DeliveryStatus.DELIVERED, null);
            return new Decision.Ack("delivered to " + endpoint);
        } catch (CallNotPermittedException open) {
            ledger.recordAttempt(partner.name(), event.id(), null, "CIRCUIT_OPEN", null, 0, "circuit open: call not made");
            return later(partner, event, receiveCount, "circuit open", properties.dispatch().circuitBreaker().waitDurationInOpenState());
        } catch (PermanentFailure e) {
            ledger.deadLettered(partner.name(), event.id(), event.type(), event.bucketId(), e.getMessage());
            return new Decision.DeadLetter(e.getMessage());
        } catch (DeferredFailure e) {
            return later(partner, event, receiveCount, e.getMessage(), e.after());
        } catch (RetryableFailure e) {
            Duration after = properties.dispatch().retry().redeliveryBackoff().multipliedBy(Math.max(1, receiveCount));
            return later(partner, event, receiveCount, e.getMessage(), after);
        }
    }

    /**
     * Back on the queue for {@code after}, unless this was the last receive the partner's budget allows: then the
     * DLQ, with the reason (rather than SQS's redrive policy moving it there silently on the next receive).
     */
    private Decision later(Partner partner, Event event, int receiveCount, String why, Duration after) {
        if (receiveCount >= partner.maxReceiveCount()) {
            String reason = "retry budget spent (" + receiveCount + " receives): " + why;
            ledger.deadLettered(partner.name(), event.id(), event.type(), event.bucketId(), reason);
            return new Decision.DeadLetter(reason);
        }
        ledger.finish(partner.name(), event.id(), DeliveryStatus.RETRYING, why);
        return new Decision.RetryLater(after.compareTo(MAX_VISIBILITY) > 0 ? MAX_VISIBILITY : after, why);
    }

    /** One call (and, on a 401, one more with a fresh token); throws what the retry and breaker decide on. */
    private String attempt(Partner partner, Event event, byte[] payload) {
        PartnerEndpoint endpoint = selector.next(partner.name());
        URI uri;
        try {
            uri = urlGuard.check(endpoint.url());
        } catch (UrlGuard.RefusedUrlException refused) {
            ledger.recordAttempt(partner.name(), event.id(), endpoint.label(), "REFUSED", null, 0, refused.getMessage());
            throw new PermanentFailure("endpoint " + endpoint.label() + " refused: " + refused.getMessage());
        }
        PartnerGateway.Response r = gateway.send(partner, uri, event.id(), event.traceparent(), payload);
        record(partner, event, endpoint, r);
        if (r.outcome() == PartnerGateway.Outcome.UNAUTHORIZED) {
            r = gateway.send(partner, uri, event.id(), event.traceparent(), payload);
            record(partner, event, endpoint, r);
        }
        Duration maxInline = properties.dispatch().retry().maxInlineRetryAfter();
        return switch (r.outcome()) {
            case SUCCESS -> endpoint.label();
            case UNAUTHORIZED -> throw new RetryableFailure("401 with a fresh token", null, true);
            case TIMEOUT, IO_ERROR -> throw new RetryableFailure(r.error(), null, true);
            case HTTP_ERROR -> {
                int s = r.statusCode();
                boolean retryable = s == 408 || s == 429 || s >= 500;
                if (!retryable) {
                    throw new PermanentFailure("partner answered " + r.error());
                }
                if (r.retryAfter() != null && r.retryAfter().compareTo(maxInline) > 0) {
                    throw new DeferredFailure("partner asked to retry after " + r.retryAfter().toSeconds() + " s (" + s + ")",
                            r.retryAfter());
                }
                throw new RetryableFailure("partner answered " + r.error(), r.retryAfter(), s != 429);
            }
        };
    }

    /** The partner's circuit breaker state: CLOSED, OPEN or HALF_OPEN. */
    public String circuitState(String partner) {
        return resilience.breaker(partner).getState().name();
    }

    private void record(Partner partner, Event event, PartnerEndpoint endpoint, PartnerGateway.Response r) {
        String outcome = r.outcome().name();
        ledger.recordAttempt(partner.name(), event.id(), endpoint.label(), outcome, r.statusCode() == 0 ? null : r.statusCode(),
                (int) Math.min(Integer.MAX_VALUE, r.latencyMs()), r.error());
    }

    Event read(String body) {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("empty body");
        }
        JsonNode env = json.readTree(body);
        if (!env.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String detailType = env.path("detail-type").asString(null);
        String source = env.path("source").asString(null);
        JsonNode detail = env.path("detail");
        if (detailType == null || source == null || !detail.isObject()) {
            throw new IllegalArgumentException("not an EventBridge event (source, detail-type and detail are required)");
        }
        Matcher m = DETAIL_TYPE.matcher(detailType);
        if (!m.matches()) {
            throw new IllegalArgumentException("detail-type is not <Event>.v<version>: " + detailType);
        }
        String id = detail.path("eventId").asString(null);
        UUID eventId;
        try {
            eventId = UUID.fromString(id == null ? "" : id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("detail.eventId is not a UUID: " + id);
        }
        return new Event(eventId, source, m.group(1), Integer.parseInt(m.group(2)), detail.path("bucketId").asString(null),
                detail.path("traceparent").asString(null), env.path("time").asString(null), detail);
    }

    /** The partner API's body: the event's identity and type, the bucket, and the event's own data. */
    private byte[] partnerBody(Event event) {
        ObjectNode data = ((ObjectNode) event.detail()).deepCopy();
        data.remove("eventId");
        data.remove("traceparent");
        ObjectNode out = json.createObjectNode();
        out.put("eventId", event.id().toString());
        out.put("eventType", event.type());
        out.put("eventVersion", event.version());
        out.put("source", event.source());
        out.put("occurredAt", event.time());
        out.put("bucketId", event.bucketId());
        out.set("data", data);
        return json.writeValueAsString(out).getBytes(StandardCharsets.UTF_8);
    }

    private static UUID messageKey(String messageId) {
        try {
            return UUID.fromString(messageId);
        } catch (IllegalArgumentException | NullPointerException e) {
            return UUID.nameUUIDFromBytes(String.valueOf(messageId).getBytes(StandardCharsets.UTF_8));
        }
    }
}
