package com.tact.ciam;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@RunningSimulator
class ClientCredentialsIT {

    @LocalServerPort
    int port;

    private CiamFixture ciam;

    @BeforeEach
    void reset() {
        ciam = new CiamFixture(port);
        ciam.resetSimulator();
    }

    @ParameterizedTest
    @CsvSource({"tact-viewer, viewer", "tact-operator, operator", "tact-admin, admin"})
    void eachServiceClientGetsASignedTokenWithItsRoleForTheSuite(String client, String role) throws Exception {
        String token = ciam.accessToken(client);

        assertThat(CiamFixture.verifies(token, ciam.jwks())).isTrue();
        JWTClaimsSet claims = CiamFixture.claims(token);
        assertThat(claims.getStringListClaim("roles")).containsExactly(role);
        assertThat(claims.getAudience()).containsExactlyInAnyOrder(client, "tact");
        assertThat(claims.getSubject()).isEqualTo(client);
        assertThat(claims.getIssuer()).isEqualTo(CiamFixture.ISSUER);
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void theSecretMayComeInTheFormToo() {
        HttpResponse<String> response = ciam.postForm("/oauth2/token", Map.of("grant_type", "client_credentials",
                "client_id", "tact-viewer", "client_secret", CiamFixture.PASSWORD), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(CiamFixture.claims(CiamFixture.json(response).get("access_token").asString()).getClaim("roles"))
                .isEqualTo(List.of("viewer"));
    }

    @Test
    void aWrongSecretIsRefused() {
        HttpResponse<String> response = ciam.clientCredentials("tact-admin", "not-the-password");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("invalid_client");
    }

    @Test
    void discoveryAdvertisesTheConfiguredIssuerForEveryEndpoint() {
        JsonNode discovery = CiamFixture.json(ciam.get("/.well-known/openid-configuration"));

        assertThat(discovery.get("issuer").asString()).isEqualTo(CiamFixture.ISSUER);
        assertThat(discovery.get("jwks_uri").asString()).isEqualTo(CiamFixture.ISSUER + "/oauth2/jwks");
        assertThat(discovery.get("token_endpoint").asString()).isEqualTo(CiamFixture.ISSUER + "/oauth2/token");
        assertThat(discovery.get("authorization_endpoint").asString()).isEqualTo(CiamFixture.ISSUER + "/oauth2/authorize");
        assertThat(discovery.get("userinfo_endpoint").asString()).isEqualTo(CiamFixture.ISSUER + "/userinfo");
    }

    @Test
    void theJwksPublishesOneRsaKeyWithoutItsPrivatePart() {
        assertThat(ciam.jwks().getKeys()).singleElement()
                .satisfies(key -> assertThat(key.isPrivate()).isFalse())
                .satisfies(key -> assertThat(key.getKeyType().getValue()).isEqualTo("RSA"));
    }
}
