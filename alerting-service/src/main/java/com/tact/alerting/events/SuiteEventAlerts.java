package com.tact.alerting.events;

import com.tact.alerting.alert.Alert;
import com.tact.alerting.alert.AlertService;
import com.tact.alerting.alert.RaiseAlert;
import com.tact.alerting.alert.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the suite's events (EventBridge envelopes: a rejected file, a dead-lettered delivery, an opened circuit)
 * into alerts. The EventBridge event id makes a redelivered event one alert. A message that is not an envelope is
 * itself alerted (and acknowledged): retrying it would never make it readable.
 */
@Service
public class SuiteEventAlerts {

    private static final Logger log = LoggerFactory.getLogger(SuiteEventAlerts.class);
    private static final int MAX_UNREADABLE_BODY = 65536;

    private final AlertService alerts;
    private final JsonMapper json;

    SuiteEventAlerts(AlertService alerts, JsonMapper json) {
        this.alerts = alerts;
        this.json = json;
    }

    /** @param messageId the transport's id, used only when the message is not an envelope */
    public Alert accept(String message, String messageId) {
        RaiseAlert alert;
        try {
            alert = translate(json.readTree(message));
        } catch (JacksonException | IllegalArgumentException e) {
            log.warn("message {} on the alerting event queue is not an EventBridge event: {}", messageId, e.getMessage());
            alert = new RaiseAlert(Severity.WARNING, null, "alerting-service", "unreadable-event",
                    "Unreadable message on the alerting event queue",
                    message.length() > MAX_UNREADABLE_BODY ? message.substring(0, MAX_UNREADABLE_BODY) : message,
                    "sqs:" + messageId);
        }
        return alerts.raise(alert);
    }

    RaiseAlert translate(JsonNode event) {
        String id = text(event, "id");
        String source = text(event, "source");
        String type = text(event, "detail-type");
        JsonNode detail = event.get("detail");
        if (id == null || source == null || type == null || detail == null || !detail.isObject()) {
            throw new IllegalArgumentException("not an EventBridge envelope (id, source, detail-type, detail)");
        }
        String body = describe(type, source, event) + "\n\n" + json.writerWithDefaultPrettyPrinter().writeValueAsString(detail);
        return switch (type) {
            case "FileRejected.v1" -> {
                String where = text(detail, "bucket") + "/" + text(detail, "key");
                Severity severity = "FAILED".equals(text(detail, "status")) ? Severity.CRITICAL : Severity.WARNING;
                yield new RaiseAlert(severity, null, source, "file-rejected:" + where,
                        "File " + lower(text(detail, "status"), "rejected") + ": " + text(detail, "key"), body, id);
            }
            case "DeliveryDeadLettered.v1" -> new RaiseAlert(Severity.CRITICAL, null, source,
                    "dead-lettered:" + text(detail, "partner"),
                    "Delivery dead-lettered for partner " + text(detail, "partner"), body, id);
            case "CircuitOpened.v1" -> new RaiseAlert(Severity.WARNING, null, source,
                    "circuit-opened:" + text(detail, "partner"),
                    "Circuit opened for partner " + text(detail, "partner"), body, id);
            default -> new RaiseAlert(Severity.INFO, null, source, source + "/" + type, type + " from " + source, body, id);
        };
    }

    private static String describe(String type, String source, JsonNode event) {
        JsonNode d = event.get("detail");
        if ("FileRejected.v1".equals(type)) {
            return "File s3://" + text(d, "bucket") + "/" + text(d, "key") + " of feed " + text(d, "feed") + " was "
                    + lower(text(d, "status"), "rejected") + " (file id " + text(d, "fileId") + ", " + text(d, "errorCount")
                    + " errors): " + text(d, "reason") + "\nDetails: GET /api/files/" + text(d, "fileId")
                    + " on inbound-service.";
        }
        return type + " from " + source + " at " + text(event, "time") + ".";
    }

    private static String lower(String s, String fallback) {
        return s == null ? fallback : s.toLowerCase(java.util.Locale.ROOT);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.isValueNode() ? v.asString() : v.toString();
    }
}
