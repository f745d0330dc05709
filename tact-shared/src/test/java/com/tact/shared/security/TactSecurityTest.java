package com.tact.shared.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.tact.testsupport.TestIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The suite's resource-server security over real HTTP, with tokens of the tests' own issuer (fetched JWKS). */
@SpringBootTest(classes = SecuredApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.cloud.aws.region.static=eu-west-1",
                "spring.cloud.aws.credentials.access-key=test", "spring.cloud.aws.credentials.secret-key=test",
                "management.endpoints.web.exposure.include=health,info,prometheus,env",
                "spring.test.metrics.export=true"})
class TactSecurityTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    HttpResponse<String> call(String method, String path, String token) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anonymousCallersGetABearerChallengeAsProblemJson() throws Exception {
        var response = call("GET", "/api/things", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":401");
    }

    @Test
    void tokensThatAreNotGoodAreRefusedWith401() throws Exception {
        assertThat(call("GET", "/api/things", TestIssuer.expiredToken("admin")).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/things", TestIssuer.foreignIssuerToken("admin")).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/things", TestIssuer.otherAudienceToken("admin")).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/things", TestIssuer.unpublishedKeyToken("admin")).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/things", "not-a-jwt").statusCode()).isEqualTo(401);
        var expired = call("GET", "/api/things", TestIssuer.expiredToken("admin"));
        assertThat(expired.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
        assertThat(expired.body()).contains("expired");
    }

    @Test
    void rolesFollowTheHierarchyViewerReadsOperatorActsAdminChanges() throws Exception {
        assertThat(call("GET", "/api/things", TestIssuer.token("viewer")).statusCode()).isEqualTo(200);
        var viewerActs = call("POST", "/api/things", TestIssuer.token("viewer"));
        assertThat(viewerActs.statusCode()).isEqualTo(403);
        assertThat(viewerActs.body()).contains("\"status\":403", "POST /api/things");
        assertThat(call("POST", "/api/things", TestIssuer.token("operator")).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/things", TestIssuer.token("operator")).statusCode()).isEqualTo(200);
        assertThat(call("PUT", "/api/things/1/endpoint", TestIssuer.token("operator")).statusCode()).isEqualTo(403);
        assertThat(call("PUT", "/api/things/1/endpoint", TestIssuer.token("admin")).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/things", TestIssuer.token("admin")).statusCode()).isEqualTo(200);
        // a token without a suite role reads nothing
        assertThat(call("GET", "/api/things", TestIssuer.token()).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/things", TestIssuer.token("superuser")).statusCode()).isEqualTo(403);
    }

    @Test
    void actuatorBeyondHealthNeedsARole() throws Exception {
        assertThat(call("GET", "/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/actuator/prometheus", TestIssuer.token("viewer")).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/actuator/env", TestIssuer.token("operator")).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/actuator/env", TestIssuer.token("admin")).statusCode()).isEqualTo(200);
    }
}
