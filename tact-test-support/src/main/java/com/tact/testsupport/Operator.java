package com.tact.testsupport;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

/**
 * Callers of a service under test with an access token of the {@link TestIssuer}: by default an admin (who may do
 * everything, so that a test of a feature is not a test of roles), or the role a test names. The roles themselves
 * are tested by each service's security matrix.
 */
public final class Operator {

    public static final String DEFAULT_ROLE = "admin";

    private Operator() {
    }

    /** The Authorization header value of an admin. */
    public static String authorization() {
        return authorization(DEFAULT_ROLE);
    }

    public static String authorization(String role) {
        return "Bearer " + TestIssuer.token(role);
    }

    /** A client of a service on loopback that signs in as an admin and returns error statuses instead of throwing. */
    public static RestClient client(int port) {
        return client(port, DEFAULT_ROLE);
    }

    /** The same with a token of the given role (viewer, operator, admin); a fresh token per request. */
    public static RestClient client(int port, String role) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .requestInterceptor((request, body, execution) -> {
                    request.getHeaders().set("Authorization", authorization(role));
                    return execution.execute(request, body);
                })
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
