package com.tact.outbound.publishing.aws;

import com.tact.outbound.config.OutboundProperties;
import com.tact.outbound.publishing.EventPublisher;
import com.tact.outbound.publishing.PendingEvent;
import com.tact.shared.tracing.MessageTracing;
import io.micrometer.tracing.Span;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One PutEvents call per batch on the custom bus. Entry: Source = the outbox source, DetailType =
 * {@code <event>.v<version>}, Detail = the payload plus {@code eventId} (the outbox id) and {@code traceparent}: the
 * context of the event's publish span, a child of the trace the event was written in.
 * Result entries come back in request order; one with an error code is a refused entry (FailedEntryCount).
 * Entries that EventBridge would refuse for good (over the 256 KB entry limit, a payload that is not a JSON
 * object) are refused here, before the call, so that they cannot fail the others; the rest go in calls of at most
 * 256 KB in total (the request limit). A request refused as a whole for its content (HTTP 400, not throttling) is
 * a {@link RequestRejectedException}.
 */
@Component
class EventBridgeEventPublisher implements EventPublisher {

    /** PutEvents' limit for one entry, as AWS counts it ({@link #entrySize}). */
    static final int MAX_ENTRY_BYTES = 256 * 1024;

    private final EventBridgeClient events;
    private final JsonMapper json;
    private final String bus;

    private final MessageTracing tracing;

    EventBridgeEventPublisher(EventBridgeClient events, JsonMapper json, OutboundProperties properties, MessageTracing tracing) {
        this.events = events;
        this.json = json;
        this.bus = properties.eventBus();
        this.tracing = tracing;
    }

    @Override
    public Map<UUID, Refusal> publish(List<PendingEvent> batch) {
        if (batch.size() > MAX_BATCH) {
            throw new IllegalArgumentException("PutEvents takes at most " + MAX_BATCH + " entries, got " + batch.size());
        }
        Map<UUID, Refusal> refused = new HashMap<>();
        List<PendingEvent> sent = new ArrayList<>();
        List<PutEventsRequestEntry> entries = new ArrayList<>();
        // each event's publish is a span of the trace it was written in (the ingestion, say); EventBridge has no
        // headers, so the detail carries that span's traceparent on to the partner queue and the dispatcher
        Map<UUID, Span> spans = new HashMap<>();
        for (PendingEvent e : batch) {
            Span span = tracing.startChild(e.traceparent(), "publish " + bus, Span.Kind.PRODUCER)
                    .tag("messaging.system", "aws_eventbridge").tag("messaging.operation.type", "send")
                    .tag("messaging.destination.name", bus).tag("messaging.message.id", e.id().toString())
                    .tag("tact.event.type", e.detailType());
            spans.put(e.id(), span);
        }
        try {
            return publish(batch, spans, refused, sent, entries);
        } finally {
            spans.forEach((id, span) -> {
                if (refused.containsKey(id)) {
                    span.error(new IllegalStateException(refused.get(id).reason()));
                }
                span.end();
            });
        }
    }

    private Map<UUID, Refusal> publish(List<PendingEvent> batch, Map<UUID, Span> spans, Map<UUID, Refusal> refused,
                                       List<PendingEvent> sent, List<PutEventsRequestEntry> entries) {
        for (PendingEvent e : batch) {
            try {
                PutEventsRequestEntry entry = entry(e, spans.get(e.id()));
                int size = entrySize(entry);
                if (size > MAX_ENTRY_BYTES) {
                    refused.put(e.id(), Refusal.permanent("entry of " + size + " bytes exceeds the PutEvents limit of "
                            + MAX_ENTRY_BYTES + " bytes"));
                    continue;
                }
                sent.add(e);
                entries.add(entry);
            } catch (NotAnObjectException | JacksonException bad) {
                refused.put(e.id(), Refusal.permanent("payload is not a JSON object: " + bad.getMessage()));
            }
        }
        // PutEvents also limits the whole request to 256 KB: entries go in as many calls as it takes
        int from = 0;
        while (from < entries.size()) {
            int to = from;
            int total = 0;
            while (to < entries.size() && (to == from || total + entrySize(entries.get(to)) <= MAX_ENTRY_BYTES)) {
                total += entrySize(entries.get(to));
                to++;
            }
            var call = sent.subList(from, to);
            // one call serves several traces: its span links to each event's publish span
            Span putEvents = tracing.startLinked(call.stream().map(e -> tracing.fields(spans.get(e.id()).context())
                    .get("traceparent")).toList(), "PutEvents " + bus, Span.Kind.CLIENT)
                    .tag("rpc.system", "aws-api").tag("rpc.service", "EventBridge").tag("rpc.method", "PutEvents")
                    .tag("messaging.batch.message_count", Integer.toString(call.size()));
            int end = to;
            int start = from;
            refused.putAll(tracing.within(putEvents, () -> put(call, entries.subList(start, end))));
            from = to;
        }
        return refused;
    }

    private Map<UUID, Refusal> put(List<PendingEvent> sent, List<PutEventsRequestEntry> entries) {
        Map<UUID, Refusal> refused = new HashMap<>();
        PutEventsResponse response;
        try {
            response = events.putEvents(PutEventsRequest.builder().entries(entries).build());
        } catch (AwsServiceException e) {
            if (e.statusCode() == 400 && !e.isThrottlingException()) {
                throw new RequestRejectedException("PutEvents refused the request: " + e.getMessage(), e);
            }
            throw e;
        }
        if (response.failedEntryCount() == null || response.failedEntryCount() == 0) {
            return refused;
        }
        List<PutEventsResultEntry> results = response.entries();
        for (int i = 0; i < sent.size(); i++) {
            PutEventsResultEntry r = i < results.size() ? results.get(i) : null;
            if (r == null || r.errorCode() != null) {
                refused.put(sent.get(i).id(), Refusal.retryable(r == null ? "no result entry" : r.errorCode() + ": " + r.errorMessage()));
            }
        }
        return refused;
    }

    /**
     * An entry's size as AWS computes it for the 256 KB limit ("Calculating PutEvents event entry size"): 14 bytes
     * for the Time, plus the UTF-8 bytes of Source, DetailType, Detail and every Resource.
     */
    static int entrySize(PutEventsRequestEntry entry) {
        int size = entry.time() == null ? 0 : 14;
        size += utf8(entry.source()) + utf8(entry.detailType()) + utf8(entry.detail());
        if (entry.hasResources()) {
            for (String resource : entry.resources()) {
                size += utf8(resource);
            }
        }
        return size;
    }

    private static int utf8(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }

    private PutEventsRequestEntry entry(PendingEvent e, Span span) {
        JsonNode payload = json.readTree(e.payload());
        if (!(payload instanceof ObjectNode detail)) {
            throw new NotAnObjectException(payload == null ? "null" : payload.getNodeType().name());
        }
        detail.put("eventId", e.id().toString());
        String traceparent = tracing.fields(span.context()).get("traceparent");
        if (traceparent != null) {
            detail.put("traceparent", traceparent);
        }
        return PutEventsRequestEntry.builder()
                .eventBusName(bus)
                .source(e.source())
                .detailType(e.detailType())
                .detail(json.writeValueAsString(detail))
                .time(e.createdAt())
                .resources()
                .build();
    }

    private static final class NotAnObjectException extends RuntimeException {
        NotAnObjectException(String type) {
            super(type, null, false, false);
        }
    }
}
