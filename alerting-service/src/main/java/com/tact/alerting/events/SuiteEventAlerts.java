package com.tact.alerting.events;

import com.tact.alerting.alert.Alert;
import com.tact.alerting.alert.AlertRejectedException;
import com.tact.alerting.alert.AlertService;
import com.tact.alerting.alert.RaiseAlert;
import com.tact.shared.tracing.MessageTracing;
import io.micrometer.tracing.Span;
import com.tact.alerting.alert.Severity;
import com.tact.alerting.config.AlertingProperties;
import com.tact.alerting.events.SuiteEventTranslator.NotAnEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the suite's events (EventBridge envelopes: a rejected file, a dead-lettered delivery, an opened circuit)
 * into alerts. The rule for what a message may carry:
 * <ul>
 *   <li>an envelope, bare or inside an SNS notification, becomes its alert (see {@link SuiteEventTranslator});
 *       the EventBridge event id makes a redelivered event one alert;</li>
 *   <li>anything else (not JSON, truncated, not an envelope), and an envelope whose alert the service still
 *       refuses (a body over max-body-bytes), becomes a WARNING "unreadable-event" alert with the reason and the
 *       message's first 64 Ki characters (fewer when max-body-bytes is small), and is acknowledged: retrying would
 *       never make it readable;</li>
 *   <li>only a failure to store (Postgres unavailable) leaves the message to SQS to redeliver and dead-letter.</li>
 * </ul>
 */
@Service
public class SuiteEventAlerts {

    private static final Logger log = LoggerFactory.getLogger(SuiteEventAlerts.class);
    static final int MAX_UNREADABLE_BODY = 65536;
    static final String UNREADABLE = "unreadable-event";

    private final AlertService alerts;
    private final MessageTracing tracing;
    private final JsonMapper json;
    private final SuiteEventTranslator translator;
    /** Characters of an unreadable message kept in its alert: within max-body-bytes at 3 bytes a character. */
    private final int unreadableHead;

    SuiteEventAlerts(AlertService alerts, JsonMapper json, AlertingProperties properties, MessageTracing tracing) {
        this.alerts = alerts;
        this.tracing = tracing;
        this.json = json;
        this.translator = new SuiteEventTranslator(json);
        this.unreadableHead = Math.clamp(properties.payload().maxBodyBytes() / 3 - 1024, 0, MAX_UNREADABLE_BODY);
    }

    /** @param messageId the transport's id, used only when the message cannot be taken in as its event */
    public Alert accept(String message, String messageId) {
        RaiseAlert alert;
        try {
            alert = translator.translate(unwrapSns(json.readTree(message)));
        } catch (JacksonException | NotAnEnvelope e) {
            return unreadable(message, messageId, "not an EventBridge event: " + firstLine(e.getMessage()));
        }
        // EventBridge carries no headers: the trace of the event's origin travels in its detail
        var span = tracing.startChild(traceparentOf(message), "alert intake " + alert.source(), Span.Kind.CONSUMER);
        span.tag("messaging.system", "aws_sqs").tag("messaging.operation.type", "process");
        try {
            return tracing.within(span, () -> alerts.raise(alert));
        } catch (AlertRejectedException e) {
            return unreadable(message, messageId, "refused as an alert: " + e.getMessage());
        }
    }

    /** The detail's traceparent, when the message is an event that has one. */
    private String traceparentOf(String message) {
        try {
            var event = unwrapSns(json.readTree(message));
            var traceparent = event == null ? null : event.path("detail").path("traceparent");
            return traceparent != null && traceparent.isString() ? traceparent.asString() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** An SNS subscription without raw delivery wraps the event: {"Type":"Notification","Message":"<event>"}. */
    private JsonNode unwrapSns(JsonNode node) {
        JsonNode inner = node == null ? null : node.get("Message");
        if (node != null && node.has("Type") && "Notification".equals(node.get("Type").asString())
                && inner != null && inner.isString()) {
            return json.readTree(inner.asString());
        }
        return node;
    }

    private Alert unreadable(String message, String messageId, String reason) {
        log.warn("message {} on the alerting event queue is recorded as unreadable: {}", messageId, reason);
        String head = message.length() > unreadableHead ? message.substring(0, unreadableHead) : message;
        String body = EventText.clean(reason + " (" + message.length() + " characters)\n\n" + head);
        return alerts.raise(new RaiseAlert(Severity.WARNING, null, "alerting-service", UNREADABLE,
                "Unreadable message on the alerting event queue", body,
                EventText.shortenKey("sqs:" + messageId, SuiteEventTranslator.MAX_EVENT_ID)));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int cut = s.indexOf('\n');
        String line = cut < 0 ? s : s.substring(0, cut);
        return EventText.shorten(line, 300);
    }
}
