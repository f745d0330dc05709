package com.tact.alerting.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import com.tact.alerting.alert.AlertService;
import com.tact.alerting.alert.Severity;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SuiteEventAlertsTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final SuiteEventAlerts events = new SuiteEventAlerts(mock(AlertService.class), json);

    @Test
    void aRejectedFileBecomesAWarningKeyedByTheObject() {
        var alert = events.translate(json.readTree("""
                {"version":"0","id":"ev-1","detail-type":"FileRejected.v1","source":"tact.inbound",
                 "time":"2026-01-01T00:00:00Z","detail":{"fileId":42,"bucket":"local-inbound-files",
                 "key":"incoming/allocations/bad.csv","feed":"allocations","status":"REJECTED",
                 "reason":"3 of 4 rows invalid","errorCount":3,"traceparent":"00-a-b-01"}}"""));

        assertThat(alert.severity()).isEqualTo(Severity.WARNING);
        assertThat(alert.source()).isEqualTo("tact.inbound");
        assertThat(alert.dedupKey()).isEqualTo("file-rejected:local-inbound-files/incoming/allocations/bad.csv");
        assertThat(alert.title()).isEqualTo("File rejected: incoming/allocations/bad.csv");
        assertThat(alert.body()).contains("3 of 4 rows invalid").contains("file id 42").contains("\"errorCount\"");
        assertThat(alert.originEventId()).isEqualTo("ev-1");
    }

    @Test
    void aDeadLetteredDeliveryIsCritical() {
        var alert = events.translate(json.readTree("""
                {"id":"ev-2","detail-type":"DeliveryDeadLettered.v1","source":"tact.outbound",
                 "detail":{"partner":"custodian-a","eventId":"x"}}"""));

        assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(alert.dedupKey()).isEqualTo("dead-lettered:custodian-a");
    }

    @Test
    void somethingElseIsNotAnEnvelope() {
        assertThatThrownBy(() -> events.translate(json.readTree("{\"hello\":1}")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
