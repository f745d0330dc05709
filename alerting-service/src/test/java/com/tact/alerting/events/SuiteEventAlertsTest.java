package com.tact.alerting.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.tact.alerting.alert.AlertRejectedException;
import com.tact.alerting.alert.AlertService;
import com.tact.alerting.alert.RaiseAlert;
import com.tact.alerting.alert.Severity;
import com.tact.alerting.config.AlertingProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.json.JsonMapper;

class SuiteEventAlertsTest {

    private final AlertService alerts = mock(AlertService.class);
    private final ArgumentCaptor<RaiseAlert> raised = ArgumentCaptor.forClass(RaiseAlert.class);

    @Test
    void anEventTheServiceStillRefusesIsRecordedAsUnreadableWithTheReason() {
        when(alerts.raise(any())).thenThrow(new AlertRejectedException(AlertRejectedException.Reason.TOO_LARGE, "body is too big"))
                .thenReturn(null);

        events(8_388_608).accept("""
                {"id":"e","detail-type":"FileRejected.v1","source":"tact.inbound","detail":{"key":"k"}}""", "m-1");

        verify(alerts, times(2)).raise(raised.capture());
        RaiseAlert unreadable = raised.getAllValues().get(1);
        assertThat(unreadable.severity()).isEqualTo(Severity.WARNING);
        assertThat(unreadable.dedupKey()).isEqualTo("unreadable-event");
        assertThat(unreadable.body()).startsWith("refused as an alert: body is too big");
        assertThat(unreadable.originEventId()).isEqualTo("sqs:m-1");
    }

    @Test
    void anUnreadableMessageIsKeptOnlyAsFarAsMaxBodyBytesAllows() {
        events(4096).accept("x".repeat(100_000), "m-2");

        verify(alerts).raise(raised.capture());
        assertThat(raised.getValue().body().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
    }

    private SuiteEventAlerts events(int maxBodyBytes) {
        var properties = new AlertingProperties(null, Map.of("warning", "w"),
                new AlertingProperties.Payload("b", 245760, false, maxBodyBytes),
                new AlertingProperties.Outbox(Duration.ofMillis(200), 50, Duration.ofMillis(500), Duration.ofSeconds(60),
                        120, Duration.ofSeconds(5), null),
                new AlertingProperties.Dedup(Duration.ofMinutes(5), Duration.ofSeconds(10)),
                new AlertingProperties.Events(true, "q"), Duration.ofSeconds(3), java.util.List.of());
        return new SuiteEventAlerts(alerts, JsonMapper.builder().build(), properties,
                new com.tact.shared.tracing.MessageTracing(io.micrometer.tracing.Tracer.NOOP, io.micrometer.tracing.propagation.Propagator.NOOP));
    }
}
