package com.tact.ciam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** What the sign-in page tells a user, and the password scenarios QA scripts. */
@RunningSimulator
class SignInIT {

    @LocalServerPort
    int port;

    private CiamFixture ciam;

    @BeforeEach
    void reset() {
        ciam = new CiamFixture(port);
        ciam.resetSimulator();
    }

    @Test
    void aWrongPasswordIsToldAsWrongCredentials() {
        Browser browser = new Browser(ciam);
        browser.authorize("s");

        assertThat(browser.problemShownAfter(browser.signIn("operator", "nope"))).isEqualTo("Wrong user name or password");
    }

    @Test
    void anUnknownUserIsToldTheSameAsAWrongPassword() {
        Browser browser = new Browser(ciam);

        assertThat(browser.problemShownAfter(browser.signIn("root", CiamFixture.PASSWORD))).isEqualTo("Wrong user name or password");
    }

    @Test
    void aSignInWithoutTheCsrfTokenIsRefused() {
        Browser browser = new Browser(ciam);
        browser.authorize("s");

        HttpResponse<String> response = browser.postSignIn(Map.of("username", "operator", "password", CiamFixture.PASSWORD));

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void anExpiredPasswordIsRefusedWithItsAgeUntilAnAdminResetsIt() {
        ciam.script("{\"passwordTtlSeconds\": 2}");

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            Browser browser = new Browser(ciam);
            browser.authorize("s");
            assertThat(browser.problemShownAfter(browser.signIn("operator", CiamFixture.PASSWORD)))
                    .matches("Your password has expired \\(set \\d+s ago, valid for 2s\\)\\. Ask an admin to reset it\\.");
        });
        assertThat(ciam.state().get("users").get(1).get("passwordExpired").asBoolean()).isTrue();

        assertThat(ciam.post("/sim/users/operator/reset-password").statusCode()).isEqualTo(200);

        assertThat(new Browser(ciam).authorizationCode("operator", CiamFixture.PASSWORD)).isNotBlank();
    }

    @Test
    void aWrongPasswordDoesNotLearnThatThePasswordExpired() {
        ciam.script("{\"passwordTtlSeconds\": 1}");
        await().atMost(Duration.ofSeconds(10)).until(() -> ciam.state().get("users").get(0).get("passwordExpired").asBoolean());

        Browser browser = new Browser(ciam);
        assertThat(browser.problemShownAfter(browser.signIn("viewer", "nope"))).isEqualTo("Wrong user name or password");
    }

    @Test
    void theFsrScenarioMakesPasswordsValidForFifteenMinutesFromNow() {
        HttpResponse<String> applied = ciam.post("/sim/scenarios/fsr");

        assertThat(applied.statusCode()).isEqualTo(200);
        JsonNode state = CiamFixture.json(applied);
        assertThat(state.get("passwordTtlSeconds").asLong()).isEqualTo(900);
        assertThat(state.get("users").get(0).get("passwordExpired").asBoolean()).isFalse();
        assertThat(new Browser(ciam).authorizationCode("admin", CiamFixture.PASSWORD)).isNotBlank();
    }

    @Test
    void aDisabledAccountIsToldSoAndCanBeEnabledAgain() {
        ciam.post("/sim/users/viewer/disable");
        Browser browser = new Browser(ciam);

        assertThat(browser.problemShownAfter(browser.signIn("viewer", CiamFixture.PASSWORD)))
                .isEqualTo("This account is disabled. Ask an admin to enable it.");

        ciam.post("/sim/users/viewer/enable");
        assertThat(new Browser(ciam).authorizationCode("viewer", CiamFixture.PASSWORD)).isNotBlank();
    }

    @Test
    void anUnknownUserOrScenarioIsAProblem() {
        HttpResponse<String> user = ciam.post("/sim/users/root/reset-password");
        HttpResponse<String> scenario = ciam.post("/sim/scenarios/nope");

        assertThat(user.statusCode()).isEqualTo(404);
        assertThat(user.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(scenario.statusCode()).isEqualTo(404);
    }
}
