package com.tact.alerting.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The bodies of a restricted topic's alerts (the local profile restricts {@code critical}) are for operators and
 * admins: a viewer sees the alert, marked bodyWithheld, and gets 403 for the body; other topics are read as before.
 */
class RestrictedTopicsIT extends AlertingItSupport {

    private String raise(String severity, String source, String body) {
        var raised = api.raise(Map.of("severity", severity, "source", source, "title", "restricted-topics " + severity,
                "body", body));
        assertThat(raised.getStatusCode().value()).as(raised.getBody()).isEqualTo(202);
        return AlertingApi.JSON.readTree(raised.getBody()).get("alertId").asString();
    }

    @Test
    void aViewerSeesThatACriticalBodyIsWithheldAnOperatorReadsIt() {
        String source = "restricted-" + UUID.randomUUID();
        String critical = raise("CRITICAL", source, "account 12345678 of client Jane Doe");
        String warning = raise("WARNING", source, "disk almost full");
        String base = "http://127.0.0.1:" + port;
        var viewer = new AlertingApi(base, "viewer");
        var operator = new AlertingApi(base, "operator");

        JsonNode seenByViewer = AlertingApi.JSON.readTree(viewer.get("/api/alerts/" + critical).getBody());
        assertThat(seenByViewer.get("topic").asString()).isEqualTo("critical");
        assertThat(seenByViewer.get("bodyWithheld").asBoolean()).isTrue();
        assertThat(seenByViewer.get("title").asString()).isEqualTo("restricted-topics CRITICAL");
        assertThat(seenByViewer.toString()).doesNotContain("Jane Doe");

        var refused = viewer.bodyResponse(critical);
        assertThat(refused.getStatusCode().value()).isEqualTo(403);
        assertThat(refused.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(refused.getBody()).doesNotContain("Jane Doe").contains("needs operator");

        JsonNode history = AlertingApi.JSON.readTree(viewer.get("/api/alerts?source=" + source).getBody());
        assertThat(history).hasSize(2);
        for (JsonNode a : history) {
            assertThat(a.get("bodyWithheld").asBoolean()).as(a.toString()).isEqualTo(a.get("topic").asString().equals("critical"));
        }
        assertThat(viewer.bodyResponse(warning).getBody()).isEqualTo("disk almost full");

        assertThat(operator.bodyResponse(critical).getStatusCode().value()).isEqualTo(200);
        assertThat(operator.body(critical)).isEqualTo("account 12345678 of client Jane Doe");
        assertThat(AlertingApi.JSON.readTree(operator.get("/api/alerts/" + critical).getBody()).get("bodyWithheld").asBoolean())
                .isFalse();
        assertThat(api.body(critical)).as("an admin reads it too").isEqualTo("account 12345678 of client Jane Doe");
    }
}
