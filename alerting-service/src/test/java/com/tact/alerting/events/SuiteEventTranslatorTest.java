package com.tact.alerting.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tact.alerting.alert.RaiseAlert;
import com.tact.alerting.alert.Severity;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SuiteEventTranslatorTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final SuiteEventTranslator events = new SuiteEventTranslator(json);

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
    void aChangeOfAPartnersEndpointsIsAWarningNamingThePartnerAndWhoEveryChangeItsOwnAlert() {
        String event = """
                {"id":"%s","detail-type":"PartnerEndpointsChanged.v1","source":"tact.outbound","time":"2026-01-01T00:00:00Z",
                 "detail":{"partner":"vendor-b","changedBy":"alice",
                           "oldEndpoints":[{"label":"east","url":"https://east.vendor-b.example/in","weight":3}],
                           "newEndpoints":[{"label":"east","url":"https://other.example/in","weight":1}]}}""";
        var alert = events.translate(json.readTree(event.formatted("ev-7")));

        assertThat(alert.severity()).isEqualTo(Severity.WARNING);
        assertThat(alert.source()).isEqualTo("tact.outbound");
        assertThat(alert.title()).isEqualTo("Endpoints of partner vendor-b changed by alice");
        assertThat(alert.body()).contains("changed by alice").contains("https://east.vendor-b.example/in")
                .contains("https://other.example/in").contains("/api/partners/vendor-b/audit");
        assertThat(alert.dedupKey()).startsWith("partner-endpoints-changed:vendor-b:")
                .isNotEqualTo(events.translate(json.readTree(event.formatted("ev-8"))).dedupKey());
    }

    @Test
    void somethingElseIsNotAnEnvelope() {
        assertThatThrownBy(() -> events.translate(json.readTree("{\"hello\":1}")))
                .isInstanceOf(SuiteEventTranslator.NotAnEnvelope.class);
        assertThatThrownBy(() -> events.translate(json.readTree("""
                {"id":"x","detail-type":"T","source":"s","detail":"a string"}""")))
                .isInstanceOf(SuiteEventTranslator.NotAnEnvelope.class);
    }

    @Test
    void aRejectedFileWithAVeryLongKeyIsShortenedToTheLimitsNotRefused() {
        String key = "incoming/allocations/" + "k".repeat(1000) + ".csv";
        var alert = events.translate(json.readTree(fileRejected(key)));

        assertThat(alert.title()).hasSize(RaiseAlert.MAX_TITLE).startsWith("File rejected: incoming/allocations/kkk").endsWith("…");
        assertThat(alert.dedupKey()).hasSize(RaiseAlert.MAX_DEDUP_KEY).startsWith("file-rejected:b/incoming/")
                .matches("(?s).*…#[0-9a-f]{16}");
        assertThat(alert.body()).contains(key);
    }

    @Test
    void twoLongKeysWithTheSamePrefixStayTwoDedupKeys() {
        String prefix = "incoming/" + "p".repeat(600);
        var a = events.translate(json.readTree(fileRejected(prefix + "a.csv")));
        var b = events.translate(json.readTree(fileRejected(prefix + "b.csv")));

        assertThat(a.dedupKey()).isNotEqualTo(b.dedupKey());
    }

    @Test
    void missingFieldsWrongTypesNulAndLoneSurrogatesStillMakeAStorableAlert() {
        var alert = events.translate(json.readTree("""
                {"id":123,"detail-type":"CircuitOpened.v1","source":"tact.outbound\\u0000x",
                 "detail":{"partner":{"name":"p\\ud800"}}}"""));

        assertThat(alert.originEventId()).isEqualTo("123");
        assertThat(alert.source()).isEqualTo("tact.outbound\uFFFDx");
        assertThat(alert.severity()).isEqualTo(Severity.WARNING);
        assertThat(alert.title()).isEqualTo("Circuit opened for partner {\"name\":\"p\uFFFD\"}");
        assertThat(alert.body()).doesNotContain("\u0000");
        var missing = events.translate(json.readTree("""
                {"id":"ev-4","detail-type":"FileRejected.v1","source":"tact.inbound","detail":{}}"""));
        assertThat(missing.title()).isEqualTo("File rejected: (missing)");
        assertThat(missing.body()).contains("s3://(missing)/(missing)");
    }

    @Test
    void anUnknownTypeFromAHugeSourceIsAnInfoAlertWithinTheLimits() {
        var alert = events.translate(json.readTree("""
                {"id":"%s","detail-type":"Unheard.v9","source":"%s","detail":{}}""".formatted("i".repeat(5000), "s".repeat(5000))));

        assertThat(alert.severity()).isEqualTo(Severity.INFO);
        assertThat(alert.source()).hasSize(RaiseAlert.MAX_SOURCE);
        assertThat(alert.title()).hasSizeLessThanOrEqualTo(RaiseAlert.MAX_TITLE);
        assertThat(alert.dedupKey()).hasSizeLessThanOrEqualTo(RaiseAlert.MAX_DEDUP_KEY);
        assertThat(alert.originEventId()).hasSizeLessThanOrEqualTo(SuiteEventTranslator.MAX_EVENT_ID);
    }

    private static String fileRejected(String key) {
        return """
                {"id":"ev-%s","detail-type":"FileRejected.v1","source":"tact.inbound",
                 "detail":{"bucket":"b","key":"%s","status":"REJECTED"}}""".formatted(key.hashCode(), key);
    }
}
