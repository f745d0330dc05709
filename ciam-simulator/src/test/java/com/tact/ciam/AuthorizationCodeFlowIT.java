package com.tact.ciam;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The console's sign-in, step by step as a browser and the console's back end do it. */
@RunningSimulator
class AuthorizationCodeFlowIT {

    @LocalServerPort
    int port;

    private CiamFixture ciam;

    @BeforeEach
    void reset() {
        ciam = new CiamFixture(port);
        ciam.resetSimulator();
    }

    @Test
    void theConsoleGetsIdAndAccessTokensWithTheUsersRolesForACodeAndItsVerifier() {
        Browser browser = new Browser(ciam);
        String code = browser.authorizationCode("operator", CiamFixture.PASSWORD);

        HttpResponse<String> response = browser.redeem(code, browser.codeVerifier());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode tokens = CiamFixture.json(response);
        String idToken = tokens.get("id_token").asString();
        String accessToken = tokens.get("access_token").asString();
        assertThat(CiamFixture.verifies(idToken, ciam.jwks())).isTrue();
        assertThat(CiamFixture.verifies(accessToken, ciam.jwks())).isTrue();

        JWTClaimsSet id = CiamFixture.claims(idToken);
        assertThat(id.getClaim("roles")).isEqualTo(List.of("operator"));
        assertThat(id.getClaim("preferred_username")).isEqualTo("operator");
        assertThat(id.getAudience()).containsExactly("tact-console");
        assertThat(id.getIssuer()).isEqualTo(CiamFixture.ISSUER);

        JWTClaimsSet access = CiamFixture.claims(accessToken);
        assertThat(access.getClaim("roles")).isEqualTo(List.of("operator"));
        assertThat(access.getClaim("preferred_username")).isEqualTo("operator");
        assertThat(access.getSubject()).isEqualTo("operator");
        assertThat(access.getAudience()).containsExactlyInAnyOrder("tact-console", "tact");
        assertThat(tokens.hasNonNull("refresh_token")).isTrue();
    }

    @Test
    void aRefreshedAccessTokenKeepsTheUsersRoles() {
        Browser browser = new Browser(ciam);
        JsonNode tokens = CiamFixture.json(browser.redeem(browser.authorizationCode("admin", CiamFixture.PASSWORD),
                browser.codeVerifier()));

        HttpResponse<String> refreshed = ciam.postForm("/oauth2/token", Map.of("grant_type", "refresh_token",
                "refresh_token", tokens.get("refresh_token").asString(),
                "client_id", "tact-console", "client_secret", CiamFixture.PASSWORD), null);

        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        JWTClaimsSet access = CiamFixture.claims(CiamFixture.json(refreshed).get("access_token").asString());
        assertThat(access.getClaim("roles")).isEqualTo(List.of("admin"));
        assertThat(access.getClaim("preferred_username")).isEqualTo("admin");
    }

    @Test
    void aCodeWithoutItsVerifierIsRefused() {
        Browser browser = new Browser(ciam);
        String code = browser.authorizationCode("viewer", CiamFixture.PASSWORD);

        HttpResponse<String> response = browser.redeem(code, null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("invalid_grant");
    }

    @Test
    void aCodeWithAnotherVerifierIsRefused() {
        Browser browser = new Browser(ciam);
        String code = browser.authorizationCode("viewer", CiamFixture.PASSWORD);

        HttpResponse<String> response = browser.redeem(code, new Browser(ciam).codeVerifier());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("invalid_grant");
    }

    @Test
    void anAuthorizationRequestWithoutAChallengeIsRefused() {
        HttpResponse<String> response = ciam.send(HttpRequest.newBuilder(ciam.uri("/oauth2/authorize?response_type=code"
                + "&client_id=tact-console&scope=openid&state=s&redirect_uri=" + Browser.REDIRECT_URI)).GET());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(Browser.location(response)).startsWith(Browser.REDIRECT_URI).contains("error=invalid_request");
    }

    @Test
    void userinfoAnswersForTheUsersAccessToken() {
        Browser browser = new Browser(ciam);
        String accessToken = CiamFixture.json(browser.redeem(browser.authorizationCode("viewer", CiamFixture.PASSWORD),
                browser.codeVerifier())).get("access_token").asString();

        HttpResponse<String> response = ciam.send(HttpRequest.newBuilder(ciam.uri("/userinfo"))
                .header("Authorization", "Bearer " + accessToken).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(CiamFixture.json(response).get("sub").asString()).isEqualTo("viewer");
    }
}
