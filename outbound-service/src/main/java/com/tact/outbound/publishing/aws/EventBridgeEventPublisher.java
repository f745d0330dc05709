package com.tact.outbound.publishing.aws;

import com.tact.outbound.config.OutboundProperties;
import com.tact.outbound.publishing.EventPublisher;
import com.tact.outbound.publishing.PendingEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One PutEvents call per batch on the custom bus. Entry: Source = the outbox source, DetailType =
 * {@code <event>.v<version>}, Detail = the payload plus {@code eventId} (the outbox id) and {@code traceparent}.
 * Result entries come back in request order; one with an error code is a failed entry (FailedEntryCount).
 */
@Component
class EventBridgeEventPublisher implements EventPublisher {

    private final EventBridgeClient events;
    private final JsonMapper json;
    private final String bus;

    EventBridgeEventPublisher(EventBridgeClient events, JsonMapper json, OutboundProperties properties) {
        this.events = events;
        this.json = json;
        this.bus = properties.eventBus();
    }

    @Override
    public Map<UUID, String> publish(List<PendingEvent> batch) {
        if (batch.size() > MAX_BATCH) {
            throw new IllegalArgumentException("PutEvents takes at most " + MAX_BATCH + " entries, got " + batch.size());
        }
        Map<UUID, String> failed = new HashMap<>();
        if (batch.isEmpty()) {
            return failed;
        }
        List<PutEventsRequestEntry> entries = batch.stream().map(this::entry).toList();
        PutEventsResponse response = events.putEvents(PutEventsRequest.builder().entries(entries).build());
        if (response.failedEntryCount() == null || response.failedEntryCount() == 0) {
            return failed;
        }
        List<PutEventsResultEntry> results = response.entries();
        for (int i = 0; i < batch.size(); i++) {
            PutEventsResultEntry r = i < results.size() ? results.get(i) : null;
            if (r == null || r.errorCode() != null) {
                failed.put(batch.get(i).id(), r == null ? "no result entry" : r.errorCode() + ": " + r.errorMessage());
            }
        }
        return failed;
    }

    private PutEventsRequestEntry entry(PendingEvent e) {
        ObjectNode detail = (ObjectNode) json.readTree(e.payload());
        detail.put("eventId", e.id().toString());
        if (e.traceparent() != null) {
            detail.put("traceparent", e.traceparent());
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
}
