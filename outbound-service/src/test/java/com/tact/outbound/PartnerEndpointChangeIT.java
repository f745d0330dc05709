package com.tact.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a partner's data goes: only an admin changes it, only to a host on the partner's allow-list, and every
 * accepted change is audited and announced (PartnerEndpointsChanged.v1, an alert) in the same transaction.
 */
class PartnerEndpointChangeIT extends OutboundITSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private String endpoints(int east, int west) {
        String base = MOCK_PARTNER.baseUrl();
        return "[{\"label\":\"east\",\"url\":\"" + base + "/partners/vendor-b/east\",\"weight\":" + east + "},"
                + "{\"label\":\"west\",\"url\":\"" + base + "/partners/vendor-b/west\",\"weight\":" + west + "}]";
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Test
    void anAdminsChangeIsAuditedAndAnnouncedInTheSameTransactionAndPublished() {
        long eventsBefore = count("select count(*) from outbox_event where event_type = 'PartnerEndpointsChanged'");

        var changed = api.put("/api/partners/vendor-b/endpoints", endpoints(2, 1), "admin");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(changed.body()).contains("\"weight\":2");

        var audit = JSON.readTree(api.get("/api/partners/vendor-b/audit?limit=1").body()).get(0);
        assertThat(audit.get("subject").asString()).isEqualTo("ENDPOINTS");
        assertThat(audit.get("changedBy").asString()).isEqualTo("test-admin");
        assertThat(audit.get("newValue").asString()).contains("\"weight\": 2");

        var row = jdbc.sql("select id::text, source, event_version, aggregate_id, payload::text from outbox_event "
                        + "where event_type = 'PartnerEndpointsChanged' order by seq desc limit 1")
                .query((rs, i) -> Map.of("id", rs.getString(1), "source", rs.getString(2), "version", rs.getInt(3),
                        "aggregate", rs.getString(4), "payload", rs.getString(5)))
                .single();
        assertThat(count("select count(*) from outbox_event where event_type = 'PartnerEndpointsChanged'")).isEqualTo(eventsBefore + 1);
        assertThat(row.get("source")).isEqualTo("tact.outbound");
        assertThat(row.get("version")).isEqualTo(1);
        assertThat(row.get("aggregate")).isEqualTo("vendor-b");
        JsonNode payload = JSON.readTree((String) row.get("payload"));
        assertThat(payload.get("partner").asString()).isEqualTo("vendor-b");
        assertThat(payload.get("changedBy").asString()).isEqualTo("test-admin");
        assertThat(payload.get("oldEndpoints").toString()).contains("\"label\":\"east\"", "\"weight\":3");
        assertThat(payload.get("newEndpoints").toString()).contains("\"label\":\"east\"", "\"weight\":2");
        assertThat(payload.toString()).doesNotContain("local-dev-vendor-b").doesNotContain("clientSecret");
        // the relay publishes it like every other outbox row (to the bus, where the alerting rule routes it)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.sql(
                "select published_at is not null from outbox_event where id = ?::uuid").param(row.get("id")).query(Boolean.class).single())
                .isTrue());

        assertThat(api.put("/api/partners/vendor-b/endpoints", endpoints(3, 1), "admin").statusCode()).isEqualTo(200);
    }

    @Test
    void anOperatorMayNotChangeWhereDataGoes() {
        long audits = count("select count(*) from partner_config_audit where partner = 'vendor-b'");
        long events = count("select count(*) from outbox_event where event_type = 'PartnerEndpointsChanged'");
        String before = api.get("/api/partners/vendor-b/endpoints").body();

        var refused = api.put("/api/partners/vendor-b/endpoints", endpoints(1, 1), "operator");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(api.get("/api/partners/vendor-b/endpoints").body()).isEqualTo(before);
        assertThat(count("select count(*) from partner_config_audit where partner = 'vendor-b'")).isEqualTo(audits);
        assertThat(count("select count(*) from outbox_event where event_type = 'PartnerEndpointsChanged'")).isEqualTo(events);
        // an operator still reads them
        assertThat(api.get("/api/partners/vendor-b/endpoints", "operator").statusCode()).isEqualTo(200);
    }

    @Test
    void aHostOutsideThePartnersAllowListIsRefusedAndNothingChanges() {
        long audits = count("select count(*) from partner_config_audit where partner = 'vendor-b'");
        long events = count("select count(*) from outbox_event where event_type = 'PartnerEndpointsChanged'");
        String before = api.get("/api/partners/vendor-b/endpoints").body();

        // example.com resolves to a public address: the SSRF guard alone would let it through
        var refused = api.put("/api/partners/vendor-b/endpoints", "[{\"label\":\"east\",\"url\":\"" + MOCK_PARTNER.baseUrl()
                + "/partners/vendor-b/east\",\"weight\":1},{\"label\":\"west\",\"url\":\"https://example.com/collect\",\"weight\":1}]", "admin");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.at("/detail").asString())
                .isEqualTo("endpoint west: host example.com is not on the allowed hosts of vendor-b [127.0.0.1, localhost] "
                        + "(tact.outbound.partners[].allowed-hosts)");
        assertThat(problem.at("/errors/0/field").asString()).isEqualTo("[1].url");
        assertThat(api.get("/api/partners/vendor-b/endpoints").body()).isEqualTo(before);
        assertThat(count("select count(*) from partner_config_audit where partner = 'vendor-b'")).isEqualTo(audits);
        assertThat(count("select count(*) from outbox_event where event_type = 'PartnerEndpointsChanged'")).isEqualTo(events);
    }
}
