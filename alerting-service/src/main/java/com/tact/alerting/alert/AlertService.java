package com.tact.alerting.alert;

import com.tact.alerting.alert.AlertRejectedException.Reason;
import com.tact.alerting.alert.internal.AlertRepository;
import com.tact.alerting.alert.internal.AlertRepository.NewAlert;
import com.tact.alerting.alert.internal.AlertText;
import com.tact.alerting.config.AlertingProperties;
import com.tact.alerting.silence.Silences;
import com.tact.shared.tracing.MessageTracing;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes alerts in (REST and suite events) and answers the history. An alert is committed to Postgres before
 * anything is published: the outbox relay does the publishing, so an SNS outage or a restart loses nothing.
 */
@Service
public class AlertService {

    private static final Logger log = LoggerFactory.getLogger(AlertService.class);

    private final AlertRepository alerts;
    private final Silences silences;
    private final AlertingProperties properties;
    private final MessageTracing tracing;

    AlertService(AlertRepository alerts, Silences silences, AlertingProperties properties, MessageTracing tracing) {
        this.alerts = alerts;
        this.silences = silences;
        this.properties = properties;
        this.tracing = tracing;
    }

    /** Stores the alert (as a new group, a duplicate, or silenced) and returns it as the history shows it. */
    @Transactional
    public Alert raise(RaiseAlert request) {
        if (request.severity() == null) {
            throw new AlertRejectedException(Reason.INVALID, "severity is required (CRITICAL, WARNING or INFO)");
        }
        String topic = request.topic() == null || request.topic().isBlank()
                ? request.severity().defaultTopic() : request.topic();
        if (!properties.topics().containsKey(topic)) {
            throw new AlertRejectedException(Reason.UNKNOWN_TOPIC,
                    "unknown topic '" + topic + "'; known topics: " + properties.topics().keySet().stream().sorted().toList());
        }
        String source = AlertText.required("source", request.source(), RaiseAlert.MAX_SOURCE);
        String title = AlertText.required("title", request.title(), RaiseAlert.MAX_TITLE);
        String dedupKey = AlertText.required("dedupKey", request.dedupKeyOrDefault(), RaiseAlert.MAX_DEDUP_KEY);
        String body = request.body() == null ? "" : request.body();
        int bodyBytes = AlertText.utf8Length(body);
        if (bodyBytes > properties.payload().maxBodyBytes()) {
            throw new AlertRejectedException(Reason.TOO_LARGE, "body is " + bodyBytes + " bytes; the limit is "
                    + properties.payload().maxBodyBytes());
        }
        AlertText.requireStorable("body", body);

        alerts.lockGroup(topic, dedupKey);
        if (request.originEventId() != null) {
            Optional<Alert> seen = alerts.findByOriginEventId(request.originEventId());
            if (seen.isPresent()) {
                log.info("event {} was already taken in as alert {}", request.originEventId(), seen.get().alertId());
                return seen.get();
            }
        }
        var alert = new NewAlert(topic, request.severity(), source, dedupKey, title, body, bodyBytes,
                AlertText.sha256(body), request.originEventId(), tracing.currentTraceparent());
        long id;
        var silence = silences.matching(topic, source, dedupKey);
        if (silence.isPresent()) {
            id = alerts.insertSilenced(alert, silence.get().id());
        } else {
            var head = alerts.findGroupHead(topic, dedupKey, properties.dedup().window());
            id = head.isPresent() ? alerts.insertDuplicate(alert, head.get())
                    : alerts.insertStored(alert, properties.dedup().groupWait());
        }
        Alert stored = alerts.findBySeq(id).orElseThrow();
        log.info("alert {} {} topic={} source={} state={}", stored.alertId(), stored.severity(), topic, source, stored.state());
        return stored;
    }

    public Optional<Alert> find(UUID alertId) {
        return alerts.find(alertId);
    }

    public List<Alert> history(AlertState state, String topic, String source, String dedupKey, Long beforeSeq, int limit) {
        return alerts.list(state, topic, source, dedupKey, beforeSeq, Math.clamp(limit, 1, 500));
    }

    public Optional<String> body(UUID alertId) {
        return alerts.body(alertId);
    }

    /** Puts a FAILED alert back into the outbox. */
    @Transactional
    public Alert retry(UUID alertId) {
        Alert alert = alerts.find(alertId)
                .orElseThrow(() -> new AlertRejectedException(Reason.NOT_FOUND, "no alert " + alertId));
        if (!alerts.retry(alertId)) {
            throw new AlertRejectedException(Reason.CONFLICT, "alert " + alertId + " is " + alert.state()
                    + "; only FAILED alerts can be retried");
        }
        return alerts.find(alertId).orElseThrow();
    }
}
