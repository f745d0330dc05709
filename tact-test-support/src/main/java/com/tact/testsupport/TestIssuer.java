package com.tact.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * An OpenID Connect issuer of the tests' own, in this JVM: its public key at {@code /oauth2/jwks} and its discovery
 * document over real HTTP on a free loopback port, so that a service under test verifies tokens exactly as it
 * verifies the CIAM simulator's or Cognito's (fetching keys, checking signature, issuer, audience, expiry).
 * {@link TestIssuerEnvironment} points every service a test starts at it. Tokens for the security matrix: a role's,
 * an expired one, one of a foreign issuer, one for another audience, one signed by a key the issuer never published.
 */
public final class TestIssuer {

    public static final String AUDIENCE = "tact";

    private static final RSAKey KEY = newKey("test-issuer");
    private static final RSAKey ROGUE_KEY = newKey("rogue");
    private static final String ISSUER;

    static {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            String issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/test-issuer";
            byte[] jwks = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            byte[] discovery = ("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/oauth2/jwks\","
                    + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}")
                    .getBytes(StandardCharsets.UTF_8);
            server.createContext("/test-issuer/oauth2/jwks", exchange -> respond(exchange, jwks));
            server.createContext("/test-issuer/.well-known/openid-configuration", exchange -> respond(exchange, discovery));
            server.setExecutor(null);
            server.start();
            ISSUER = issuer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestIssuer() {
    }

    public static String issuer() {
        return ISSUER;
    }

    public static String jwkSetUri() {
        return ISSUER + "/oauth2/jwks";
    }

    /** A valid access token with these roles (lower case names as the CIAM issues them: viewer, operator, admin). */
    public static String token(String... roles) {
        return sign(KEY, claims(ISSUER, AUDIENCE, Instant.now().plus(Duration.ofMinutes(30)), roles));
    }

    public static String expiredToken(String... roles) {
        return sign(KEY, claims(ISSUER, AUDIENCE, Instant.now().minus(Duration.ofMinutes(5)), roles));
    }

    /** Signed by this issuer's key but naming another issuer. */
    public static String foreignIssuerToken(String... roles) {
        return sign(KEY, claims("https://elsewhere.example/issuer", AUDIENCE, Instant.now().plus(Duration.ofMinutes(30)), roles));
    }

    public static String otherAudienceToken(String... roles) {
        return sign(KEY, claims(ISSUER, "some-other-api", Instant.now().plus(Duration.ofMinutes(30)), roles));
    }

    /** Right issuer and claims, signed by a key the issuer never published (a forged or mis-configured token). */
    public static String unpublishedKeyToken(String... roles) {
        return sign(ROGUE_KEY, claims(ISSUER, AUDIENCE, Instant.now().plus(Duration.ofMinutes(30)), roles));
    }

    private static JWTClaimsSet claims(String issuer, String audience, Instant expires, String... roles) {
        String name = roles.length == 0 ? "nobody" : String.join("-", roles);
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("test-" + name)
                .audience(List.of(audience, "test-client"))
                .claim("preferred_username", "test-" + name)
                .claim("roles", Arrays.asList(roles))
                .issueTime(Date.from(expires.minus(Duration.ofMinutes(40))))
                .notBeforeTime(Date.from(expires.minus(Duration.ofMinutes(40))))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .build();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey newKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid + "-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
