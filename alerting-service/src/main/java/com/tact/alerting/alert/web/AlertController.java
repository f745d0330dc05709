package com.tact.alerting.alert.web;

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
import org.springframework.security.core.Authentication;
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
    private final BodyAccess bodies;

    AlertController(AlertService alerts, AlertingProperties properties, BodyAccess bodies) {
        this.alerts = alerts;
        this.properties = properties;
        this.bodies = bodies;
    }

    @Operation(summary = "Raise an alert (JSON; the body is a JSON string)")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AlertView> raise(@Valid @RequestBody AlertRequest request, Authentication caller) {
        return accepted(bodies.view(alerts.raise(request.toCommand()), caller));
    }

    @Operation(summary = "Raise an alert whose body is the request body (text/plain, strict UTF-8)")
    @PostMapping(consumes = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<AlertView> raiseText(@RequestParam(required = false) Severity severity,
                                    @RequestParam(required = false) String topic,
                                    @RequestParam String source,
                                    @RequestParam(required = false) String dedupKey,
                                    @RequestParam String title,
                                    HttpServletRequest http, Authentication caller) throws IOException {
        String body = AlertText.decodeUtf8(readBounded(http.getInputStream(), properties.payload().maxBodyBytes()));
        return accepted(bodies.view(alerts.raise(new RaiseAlert(severity, topic, source, dedupKey, title, body, null)), caller));
    }

    @Operation(summary = "Alert history, newest first; page with before=<seq of the last one>; bodyWithheld: a restricted "
            + "topic's alert read by a viewer")
    @GetMapping
    List<AlertView> history(@RequestParam(required = false) AlertState state,
                        @RequestParam(required = false) String topic,
                        @RequestParam(required = false) String source,
                        @RequestParam(required = false) String dedupKey,
                        @RequestParam(required = false) Long before,
                        @RequestParam(defaultValue = "100") int limit,
                        Authentication caller) {
        return alerts.history(state, topic, source, dedupKey, before, limit).stream().map(a -> bodies.view(a, caller)).toList();
    }

    @GetMapping("/{alertId}")
    AlertView get(@PathVariable UUID alertId, Authentication caller) {
        return bodies.view(alerts.find(alertId).orElseThrow(() -> notFound(alertId)), caller);
    }

    @Operation(summary = "The alert's full body (a restricted topic's: operators and admins only)")
    @GetMapping(value = "/{alertId}/body", produces = MediaType.TEXT_PLAIN_VALUE + ";charset=UTF-8")
    String body(@PathVariable UUID alertId, Authentication caller) {
        bodies.requireReadable(alerts.find(alertId).orElseThrow(() -> notFound(alertId)), caller);
        return alerts.body(alertId).orElseThrow(() -> notFound(alertId));
    }

    @Operation(summary = "Put a FAILED alert back into the outbox")
    @PostMapping("/{alertId}/retry")
    AlertView retry(@PathVariable UUID alertId, Authentication caller) {
        return bodies.view(alerts.retry(alertId), caller);
    }

    private static ResponseEntity<AlertView> accepted(AlertView alert) {
        return ResponseEntity.accepted().location(URI.create("/api/alerts/" + alert.alert().alertId())).body(alert);
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
