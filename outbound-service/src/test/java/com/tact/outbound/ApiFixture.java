package com.tact.outbound;

import com.tact.testsupport.Operator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** outbound-service's REST API, as an admin unless a role is named (tokens of the TestIssuer). */
class ApiFixture {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final int port;

    ApiFixture(int port) {
        this.port = port;
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET(), true);
    }

    HttpResponse<String> put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)), true);
    }

    /** As a caller of this role (viewer, operator, admin) instead of an admin. */
    HttpResponse<String> put(String path, String json, String role) {
        var b = request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json))
                .header("Authorization", Operator.authorization(role));
        return send(b, false);
    }

    HttpResponse<String> get(String path, String role) {
        return send(request(path).GET().header("Authorization", Operator.authorization(role)), false);
    }

    HttpResponse<String> post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)), true);
    }

    HttpResponse<String> getAnonymous(String path) {
        return send(request(path).GET(), false);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private HttpResponse<String> send(HttpRequest.Builder b, boolean authenticated) {
        if (authenticated) {
            b.header("Authorization", Operator.authorization());
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
