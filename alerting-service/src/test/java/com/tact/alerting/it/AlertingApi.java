package com.tact.alerting.it;

import com.tact.testsupport.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The service's REST API over real HTTP, as an operator's script calls it. Never throws on a 4xx. */
final class AlertingApi {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient http;

    AlertingApi(String baseUrl) {
        this(baseUrl, Operator.DEFAULT_ROLE);
    }

    /** @param role the caller's role (viewer, operator, admin), null for an anonymous caller */
    AlertingApi(String baseUrl, String role) {
        this.http = RestClient.builder().baseUrl(baseUrl)
                .requestInterceptor((request, body, execution) -> {
                    if (role != null) {
                        request.getHeaders().set("Authorization", Operator.authorization(role));
                    }
                    return execution.execute(request, body);
                })
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    ResponseEntity<String> raise(Map<String, Object> alert) {
        return http.post().uri("/api/alerts").contentType(MediaType.APPLICATION_JSON)
                .body(JSON.writeValueAsString(alert)).retrieve().toEntity(String.class);
    }

    ResponseEntity<String> raiseRawJson(byte[] json) {
        return http.post().uri("/api/alerts").contentType(MediaType.APPLICATION_JSON).body(json).retrieve()
                .toEntity(String.class);
    }

    ResponseEntity<String> raiseText(String query, byte[] body) {
        return http.post().uri("/api/alerts?" + query).contentType(MediaType.TEXT_PLAIN).body(body).retrieve()
                .toEntity(String.class);
    }

    JsonNode alert(String alertId) {
        return JSON.readTree(http.get().uri("/api/alerts/{id}", alertId).retrieve().body(String.class));
    }

    ResponseEntity<String> bodyResponse(String alertId) {
        return http.get().uri("/api/alerts/{id}/body", alertId).retrieve().toEntity(String.class);
    }

    String body(String alertId) {
        return http.get().uri("/api/alerts/{id}/body", alertId).retrieve().body(String.class);
    }

    /** Every alert of a source, oldest first. */
    List<JsonNode> history(String source) {
        var all = new ArrayList<JsonNode>();
        Long before = null;
        while (true) {
            String uri = "/api/alerts?source={s}&limit=500" + (before == null ? "" : "&before=" + before);
            JsonNode page = JSON.readTree(http.get().uri(uri, source).retrieve().body(String.class));
            if (page.isEmpty()) {
                return all.reversed();
            }
            page.forEach(all::add);
            before = page.get(page.size() - 1).get("seq").asLong();
        }
    }

    ResponseEntity<String> createSilence(Map<String, Object> silence) {
        return http.post().uri("/api/silences").contentType(MediaType.APPLICATION_JSON)
                .body(JSON.writeValueAsString(silence)).retrieve().toEntity(String.class);
    }

    ResponseEntity<String> expireSilence(long id) {
        return http.delete().uri("/api/silences/{id}", id).retrieve().toEntity(String.class);
    }

    ResponseEntity<String> post(String path) {
        return http.post().uri(path).retrieve().toEntity(String.class);
    }

    ResponseEntity<String> get(String path) {
        return http.get().uri(path).retrieve().toEntity(String.class);
    }

    static JsonNode json(ResponseEntity<String> response) {
        return JSON.readTree(response.getBody());
    }
}
