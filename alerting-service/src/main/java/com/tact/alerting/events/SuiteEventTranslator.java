package com.tact.alerting.events;

import static com.tact.alerting.events.EventText.shorten;
import static com.tact.alerting.events.EventText.shortenKey;

import com.tact.alerting.alert.RaiseAlert;
import com.tact.alerting.alert.Severity;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One EventBridge envelope to one alert. Whatever the event carries fits: a missing field reads "(missing)", a
 * value of another type is shown as its JSON, text is cleaned, and title, source and keys are shortened to the
 * alert's limits (a dedup key or event id keeps a hash of the whole value, so that distinct ones stay distinct).
 */
final class SuiteEventTranslator {

    /** Not an EventBridge envelope: it can be recorded, never translated. */
    static final class NotAnEnvelope extends RuntimeException {
        NotAnEnvelope(String message) {
            super(message);
        }
    }

    static final int MAX_EVENT_ID = 256;
    private static final String MISSING = "(missing)";

    private final JsonMapper json;

    SuiteEventTranslator(JsonMapper json) {
        this.json = json;
    }

    RaiseAlert translate(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new NotAnEnvelope("not a JSON object");
        }
        String id = text(event, "id");
        String source = text(event, "source");
        String type = text(event, "detail-type");
        JsonNode detail = event.get("detail");
        if (blank(id) || blank(source) || type == null || detail == null || !detail.isObject()) {
            throw new NotAnEnvelope("not an EventBridge envelope (id, source, detail-type, detail object)");
        }
        String body = EventText.clean(describe(type, source, event) + "\n\n"
                + json.writerWithDefaultPrettyPrinter().writeValueAsString(detail));
        String eventId = shortenKey(id, MAX_EVENT_ID);
        String from = shorten(source, RaiseAlert.MAX_SOURCE);
        return switch (type) {
            case "FileRejected.v1" -> {
                String status = text(detail, "status");
                Severity severity = "FAILED".equals(status) ? Severity.CRITICAL : Severity.WARNING;
                yield alert(severity, from, "file-rejected:" + shown(detail, "bucket") + "/" + shown(detail, "key"),
                        "File " + lower(status) + ": " + shown(detail, "key"), body, eventId);
            }
            case "DeliveryDeadLettered.v1" -> alert(Severity.CRITICAL, from, "dead-lettered:" + shown(detail, "partner"),
                    "Delivery dead-lettered for partner " + shown(detail, "partner"), body, eventId);
            case "CircuitOpened.v1" -> alert(Severity.WARNING, from, "circuit-opened:" + shown(detail, "partner"),
                    "Circuit opened for partner " + shown(detail, "partner"), body, eventId);
            case "PartnerEndpointsChanged.v1" -> alert(Severity.WARNING, from,
                    // every change its own alert: keyed by the outbox event id the relay puts into the detail
                    "partner-endpoints-changed:" + shown(detail, "partner") + ":"
                            + (blank(text(detail, "eventId")) ? id : text(detail, "eventId")),
                    "Endpoints of partner " + shown(detail, "partner") + " changed by " + shown(detail, "changedBy"),
                    body, eventId);
            default -> alert(Severity.INFO, from, source + "/" + type, (type.isBlank() ? "event" : type) + " from " + source,
                    body, eventId);
        };
    }

    private static RaiseAlert alert(Severity severity, String source, String dedupKey, String title, String body,
                                    String eventId) {
        return new RaiseAlert(severity, null, source, shortenKey(dedupKey, RaiseAlert.MAX_DEDUP_KEY),
                shorten(title, RaiseAlert.MAX_TITLE), body, eventId);
    }

    private static String describe(String type, String source, JsonNode event) {
        JsonNode d = event.get("detail");
        if ("FileRejected.v1".equals(type)) {
            return "File s3://" + shown(d, "bucket") + "/" + shown(d, "key") + " of feed " + shown(d, "feed") + " was "
                    + lower(text(d, "status")) + " (file id " + shown(d, "fileId") + ", " + shown(d, "errorCount")
                    + " errors): " + shown(d, "reason") + "\nDetails: GET /api/files/" + shown(d, "fileId")
                    + " on inbound-service.";
        }
        if ("PartnerEndpointsChanged.v1".equals(type)) {
            return "Where partner " + shown(d, "partner") + "'s data goes was changed by " + shown(d, "changedBy") + " at "
                    + shown(event, "time") + ".\nBefore: " + shown(d, "oldEndpoints") + "\nAfter: " + shown(d, "newEndpoints")
                    + "\nIf nobody planned this change, treat it as an incident: GET /api/partners/" + shown(d, "partner")
                    + "/audit on outbound-service.";
        }
        return type + " from " + source + " at " + shown(event, "time") + ".";
    }

    private static String lower(String status) {
        return status == null ? "rejected" : status.toLowerCase(Locale.ROOT);
    }

    private static String shown(JsonNode node, String field) {
        String v = text(node, field);
        return v == null ? MISSING : v;
    }

    /** A text value as it is; a number, object or array as its JSON; absent or null as null. */
    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.isValueNode() ? v.asString() : v.toString();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
