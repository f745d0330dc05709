package com.tact.alerting.alert.web;

import com.tact.alerting.alert.Alert;
import com.tact.alerting.alert.AlertRejectedException;
import com.tact.alerting.alert.AlertRejectedException.Reason;
import com.tact.alerting.alert.AlertService;
import com.tact.alerting.alert.AlertState;
import com.tact.alerting.alert.RaiseAlert;
import com.tact.alerting.alert.Severity;
import com.tact.alerting.alert.internal.AlertText;
import com.tact.alerting.config.AlertingProperties;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Raise alerts and read their history. 202: the alert is stored; the relay publishes it. */
@RestController
@RequestMapping("/api/alerts")
class AlertController {

    private final AlertService alerts;
    private final AlertingProperties properties;

    AlertController(AlertService alerts, AlertingProperties properties) {
        this.alerts = alerts;
        this.properties = properties;
    }

    @Operation(summary = "Raise an alert (JSON; the body is a JSON string)")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Alert> raise(@Valid @RequestBody AlertRequest request) {
        return accepted(alerts.raise(request.toCommand()));
    }

    @Operation(summary = "Raise an alert whose body is the request body (text/plain, strict UTF-8)")
    @PostMapping(consumes = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<Alert> raiseText(@RequestParam(required = false) Severity severity,
                                    @RequestParam(required = false) String topic,
                                    @RequestParam String source,
                                    @RequestParam(required = false) String dedupKey,
                                    @RequestParam String title,
                                    HttpServletRequest http) throws IOException {
        String body = AlertText.decodeUtf8(readBounded(http.getInputStream(), properties.payload().maxBodyBytes()));
        return accepted(alerts.raise(new RaiseAlert(severity, topic, source, dedupKey, title, body, null)));
    }

    @Operation(summary = "Alert history, newest first; page with before=<seq of the last one>")
    @GetMapping
    List<Alert> history(@RequestParam(required = false) AlertState state,
                        @RequestParam(required = false) String topic,
                        @RequestParam(required = false) String source,
                        @RequestParam(required = false) String dedupKey,
                        @RequestParam(required = false) Long before,
                        @RequestParam(defaultValue = "100") int limit) {
        return alerts.history(state, topic, source, dedupKey, before, limit);
    }

    @GetMapping("/{alertId}")
    Alert get(@PathVariable UUID alertId) {
        return alerts.find(alertId).orElseThrow(() -> notFound(alertId));
    }

    @Operation(summary = "The alert's full body")
    @GetMapping(value = "/{alertId}/body", produces = MediaType.TEXT_PLAIN_VALUE + ";charset=UTF-8")
    String body(@PathVariable UUID alertId) {
        return alerts.body(alertId).orElseThrow(() -> notFound(alertId));
    }

    @Operation(summary = "Put a FAILED alert back into the outbox")
    @PostMapping("/{alertId}/retry")
    Alert retry(@PathVariable UUID alertId) {
        return alerts.retry(alertId);
    }

    private static ResponseEntity<Alert> accepted(Alert alert) {
        return ResponseEntity.accepted().location(URI.create("/api/alerts/" + alert.alertId())).body(alert);
    }

    private static AlertRejectedException notFound(UUID alertId) {
        return new AlertRejectedException(Reason.NOT_FOUND, "no alert " + alertId);
    }

    /** Reads at most max bytes; one more is a 413, whatever Content-Length said. */
    private static byte[] readBounded(InputStream in, int max) throws IOException {
        byte[] bytes = in.readNBytes(max + 1);
        if (bytes.length > max) {
            throw new AlertRejectedException(Reason.TOO_LARGE, "body is larger than " + max + " bytes");
        }
        return bytes;
    }
}
