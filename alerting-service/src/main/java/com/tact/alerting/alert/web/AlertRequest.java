package com.tact.alerting.alert.web;

import com.tact.alerting.alert.RaiseAlert;
import com.tact.alerting.alert.Severity;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The JSON form of POST /api/alerts. */
record AlertRequest(@NotNull(message = "severity is required (CRITICAL, WARNING or INFO)") Severity severity,
                    @Size(max = 64) String topic,
                    @NotBlank @Size(max = 128) String source,
                    @Size(max = 512) String dedupKey,
                    @NotBlank @Size(max = 200) String title,
                    String body) {

    RaiseAlert toCommand() {
        return new RaiseAlert(severity, topic, source, dedupKey, title, body, null);
    }
}
