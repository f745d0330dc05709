package com.tact.ciam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.JWKSet;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The /sim script as relying parties feel it: outages, day 1 / day 2, slowness, a key nobody published. */
@RunningSimulator
class ScriptedBehavioursIT {

    @LocalServerPort
    int port;

    private CiamFixture ciam;

    @BeforeEach
    void reset() {
        ciam = new CiamFixture(port);
        ciam.resetSimulator();
    }

    @Test
    void unavailableAnswers503ProblemsWithRetryAfterOnTheIdpEndpointsButNotOnSim() {
        ciam.script("{\"steps\":[{\"mode\":\"unavailable\",\"retryAfterSeconds\":7}]}");

        HttpResponse<String> token = ciam.clientCredentials("tact-operator", CiamFixture.PASSWORD);
        assertThat(token.statusCode()).isEqualTo(503);
        assertThat(token.headers().firstValue("Retry-After")).contains("7");
        assertThat(token.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(CiamFixture.json(token).get("status").asInt()).isEqualTo(503);
        assertThat(ciam.get("/oauth2/jwks").statusCode()).isEqualTo(503);
        assertThat(ciam.get("/.well-known/openid-configuration").statusCode()).isEqualTo(503);
        assertThat(ciam.get("/login").statusCode()).isEqualTo(503);

        assertThat(ciam.get("/sim/state").statusCode()).isEqualTo(200);
        assertThat(ciam.get("/actuator/health").statusCode()).isEqualTo(200);

        ciam.resetSimulator();
        assertThat(ciam.clientCredentials("tact-operator", CiamFixture.PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void aStepWithTimesAnswersThatManyCallsThenTheIdpRecovers() {
        ciam.script("{\"steps\":[{\"mode\":\"unavailable\",\"times\":2}]}");

        assertThat(ciam.get("/oauth2/jwks").statusCode()).isEqualTo(503);
        assertThat(ciam.get("/oauth2/jwks").statusCode()).isEqualTo(503);
        assertThat(ciam.get("/oauth2/jwks").statusCode()).isEqualTo(200);
    }

    @Test
    void dayOneIsFineForItsTimeThenDayTwoIsAnOutage() {
        ciam.script("{\"steps\":[{\"mode\":\"ok\",\"forMillis\":500},{\"mode\":\"unavailable\"}]}");

        long dayOneStarted = System.nanoTime();
        assertThat(ciam.get("/oauth2/jwks").statusCode()).isEqualTo(200);
        assertThat(ciam.accessToken("tact-viewer")).isNotBlank();

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> ciam.get("/oauth2/jwks").statusCode() == 503);
        assertThat(Duration.ofNanos(System.nanoTime() - dayOneStarted)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        assertThat(ciam.clientCredentials("tact-viewer", CiamFixture.PASSWORD).statusCode()).isEqualTo(503);
        assertThat(ciam.state().get("script").get("current").get("mode").asString()).isEqualTo("unavailable");
    }

    @Test
    void slowWaitsBeforeAnswering() {
        ciam.script("{\"steps\":[{\"mode\":\"slow\",\"delayMs\":1500,\"times\":1}]}");

        long started = System.nanoTime();
        HttpResponse<String> slow = ciam.get("/oauth2/jwks");
        Duration slowTook = Duration.ofNanos(System.nanoTime() - started);
        started = System.nanoTime();
        HttpResponse<String> next = ciam.get("/oauth2/jwks");
        Duration nextTook = Duration.ofNanos(System.nanoTime() - started);

        assertThat(slow.statusCode()).isEqualTo(200);
        assertThat(slowTook).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(nextTook).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void badKeySignsWithAKeyTheJwksDoesNotPublish() {
        ciam.script("{\"steps\":[{\"mode\":\"bad-key\",\"times\":1}]}");

        String badlySigned = ciam.accessToken("tact-operator");
        String wellSigned = ciam.accessToken("tact-operator");
        JWKSet published = ciam.jwks();

        assertThat(CiamFixture.verifies(badlySigned, published)).isFalse();
        assertThat(published.getKeyByKeyId(CiamFixture.keyId(badlySigned))).isNull();
        assertThat(CiamFixture.verifies(wellSigned, published)).isTrue();
        assertThat(CiamFixture.claims(badlySigned).getClaim("roles")).as("otherwise a proper token")
                .isEqualTo(List.of("operator"));
    }

    @Test
    void aBadlySignedTokenIsRefusedByUserinfo() {
        Browser browser = new Browser(ciam);
        String code = browser.authorizationCode("viewer", CiamFixture.PASSWORD);
        ciam.script("{\"steps\":[{\"mode\":\"bad-key\",\"times\":1}]}");
        String badlySigned = CiamFixture.json(browser.redeem(code, browser.codeVerifier())).get("access_token").asString();

        HttpResponse<String> response = ciam.send(HttpRequest.newBuilder(ciam.uri("/userinfo"))
                .header("Authorization", "Bearer " + badlySigned).GET());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void aScriptWithAnUnknownModeIsRefusedWithAProblem() {
        HttpResponse<String> response = ciam.send(HttpRequest.newBuilder(ciam.uri("/sim/script"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"steps\":[{\"mode\":\"down\"}]}")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(CiamFixture.json(response).get("detail").asString()).contains("unknown mode 'down'");
    }

    @Test
    void aScriptWithANegativeDelayIsRefusedNamingTheField() {
        HttpResponse<String> response = ciam.send(HttpRequest.newBuilder(ciam.uri("/sim/script"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"steps\":[{\"mode\":\"slow\",\"delayMs\":-5}]}")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(CiamFixture.json(response).get("detail").asString()).contains("steps[0].delayMs");
    }
}
