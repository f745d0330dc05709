package com.tact.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

/** The operator credential of the local profile (TACT_OPERATOR_USER / TACT_OPERATOR_PASSWORD) and its clients. */
public final class Operator {

    public static final String USER = Env.get("TACT_OPERATOR_USER", "operator");
    public static final String PASSWORD = Env.get("TACT_OPERATOR_PASSWORD", "local-dev-only");

    private Operator() {
    }

    public static String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** A client of a service on loopback that signs in as the operator and returns error statuses instead of throwing. */
    public static RestClient client(int port) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeaders(h -> h.setBasicAuth(USER, PASSWORD))
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }

    /** The same without a credential. */
    public static RestClient anonymous(int port) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }
}
