package com.tact.mockpartner;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MockPartnerServerTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private MockPartnerServer server;

    @BeforeEach
    void start() throws Exception {
        server = MockPartnerServer.start("127.0.0.1", 0, Map.of("custodian-a", "s3cret"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void scriptedFailuresAreAnsweredInOrderThenCallsAreAccepted() throws Exception {
        put("/mock/partners/custodian-a/script", "{\"steps\":[{\"status\":503,\"times\":2,\"retryAfterSeconds\":1}]}");
        String token = token("custodian-a", "s3cret");

        assertThat(call(token, "e1").statusCode()).isEqualTo(503);
        HttpResponse<String> second = call(token, "e1");
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(second.headers().firstValue("Retry-After")).contains("1");
        assertThat(call(token, "e1").statusCode()).isEqualTo(200);
        assertThat(call(token, "e1").statusCode()).isEqualTo(200);

        JsonNode stats = get("/mock/partners/custodian-a/stats");
        assertThat(stats.get("accepted").asLong()).isEqualTo(1);
        assertThat(stats.get("duplicates").asLong()).isEqualTo(1);
        assertThat(get("/mock/partners/custodian-a/received").get("count").asInt()).isEqualTo(4);
    }

    @Test
    void aScriptThatIsNotJsonIsRefusedWithAProblem() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri("/mock/partners/custodian-a/script"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"steps\": [not json")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @Test
    void expiredTokensAndWrongSecretsAreRefused() throws Exception {
        HttpResponse<String> bad = post("/oauth/token", "grant_type=client_credentials&client_id=custodian-a&client_secret=nope",
                "application/x-www-form-urlencoded", null);
        assertThat(bad.statusCode()).isEqualTo(401);

        String token = token("custodian-a", "s3cret");
        assertThat(call(token, "e2").statusCode()).isEqualTo(200);
        post("/mock/partners/custodian-a/expire-tokens", "", "application/json", null);
        assertThat(call(token, "e3").statusCode()).isEqualTo(401);
        assertThat(call(token("custodian-a", "s3cret"), "e3").statusCode()).isEqualTo(200);
    }

    private String token(String id, String secret) throws Exception {
        HttpResponse<String> r = post("/oauth/token", "grant_type=client_credentials&client_id=" + id + "&client_secret=" + secret,
                "application/x-www-form-urlencoded", null);
        assertThat(r.statusCode()).isEqualTo(200);
        return json.readTree(r.body()).get("access_token").asString();
    }

    private HttpResponse<String> call(String token, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri("/partners/custodian-a/primary"))
                .header("Authorization", "Bearer " + token).header("Idempotency-Key", key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"eventType\":\"AllocationsChanged\",\"bucketId\":\"B1\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String type, String auth) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri(path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void put(String path, String body) throws Exception {
        http.send(HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws Exception {
        return json.readTree(http.send(HttpRequest.newBuilder(server.uri(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
