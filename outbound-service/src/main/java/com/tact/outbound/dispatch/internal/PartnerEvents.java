package com.tact.outbound.dispatch.internal;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Reads a partner queue message (an EventBridge event) and writes the partner API's body for it. */
@Component
public class PartnerEvents {

    private static final Pattern DETAIL_TYPE = Pattern.compile("^([A-Za-z][A-Za-z0-9]*)\\.v([0-9]{1,4})$");

    private final JsonMapper json;

    public PartnerEvents(JsonMapper json) {
        this.json = json;
    }

    /** The event; throws IllegalArgumentException or JacksonException with the reason when it is not one. */
    public PartnerEvent read(String body) {
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
        return new PartnerEvent(eventId, source, m.group(1), Integer.parseInt(m.group(2)), detail.path("bucketId").asString(null),
                detail.path("traceparent").asString(null), env.path("time").asString(null), detail);
    }

    /** The partner API's body: the event's identity and type, the bucket, and the event's own data. */
    public byte[] partnerBody(PartnerEvent event) {
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

    /** The ledger key of a message without an event id: its SQS message id. */
    public static UUID messageKey(String messageId) {
        try {
            return UUID.fromString(messageId);
        } catch (IllegalArgumentException | NullPointerException e) {
            return UUID.nameUUIDFromBytes(String.valueOf(messageId).getBytes(StandardCharsets.UTF_8));
        }
    }
}
