package com.tact.outbound;

import com.tact.mockpartner.MockPartnerServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Drives and reads the mock partner over its HTTP API, as a QA engineer would. */
class MockPartnerFixture {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final MockPartnerServer server;

    MockPartnerFixture(MockPartnerServer server) {
        this.server = server;
    }

    void resetAll() {
        send(HttpRequest.newBuilder(server.uri("/mock/partners")).DELETE());
    }

    void script(String partner, String json) {
        send(HttpRequest.newBuilder(server.uri("/mock/partners/" + partner + "/script")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    void expireTokens(String partner) {
        send(HttpRequest.newBuilder(server.uri("/mock/partners/" + partner + "/expire-tokens")).POST(HttpRequest.BodyPublishers.noBody()));
    }

    JsonNode stats(String partner) {
        return JSON.readTree(send(HttpRequest.newBuilder(server.uri("/mock/partners/" + partner + "/stats")).GET()));
    }

    /** Every call the partner received for these event ids (the Idempotency-Key), oldest first. */
    List<JsonNode> callsFor(String partner, Collection<UUID> eventIds) {
        Set<String> keys = new HashSet<>();
        eventIds.forEach(id -> keys.add(id.toString()));
        List<JsonNode> out = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = JSON.readTree(send(HttpRequest.newBuilder(
                    server.uri("/mock/partners/" + partner + "/received?limit=5000&after=" + after)).GET()));
            if (page.get("count").asInt() == 0) {
                return out;
            }
            for (JsonNode item : page.get("items")) {
                after = item.get("n").asLong();
                if (keys.contains(item.path("idempotencyKey").asString(""))) {
                    out.add(item);
                }
            }
        }
    }

    long acceptedFor(String partner, Collection<UUID> eventIds) {
        return callsFor(partner, eventIds).stream().filter(c -> c.get("answeredStatus").asInt() == 200).count();
    }

    /** The mock's answer; a status other than 2xx fails the test at once (a script the mock refused is no script). */
    private String send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new AssertionError("mock partner answered " + response.statusCode() + " to " + built.method() + " "
                        + built.uri() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
