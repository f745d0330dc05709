package com.tact.ciam;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP against the running simulator: the /sim API, the token endpoint, the JWKS and a relying party's check. */
final class CiamFixture {

    static final String ISSUER = "http://ciam.test";
    static final String PASSWORD = "it-dev-password";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;

    CiamFixture(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    HttpClient http() {
        return http;
    }

    /** Back to the starting state, as every test begins. */
    void resetSimulator() {
        assertThat(post("/sim/reset").statusCode()).isEqualTo(200);
    }

    HttpResponse<String> script(String json) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/sim/script")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    JsonNode state() {
        return json(get("/sim/state"));
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    HttpResponse<String> post(String path) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** The client-credentials grant with the secret in a Basic header. */
    HttpResponse<String> clientCredentials(String clientId, String secret) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return postForm("/oauth2/token", Map.of("grant_type", "client_credentials"), "Basic " + basic);
    }

    String accessToken(String clientId) {
        HttpResponse<String> response = clientCredentials(clientId, PASSWORD);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).get("access_token").asString();
    }

    HttpResponse<String> postForm(String path, Map<String, String> form, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    JWKSet jwks() {
        HttpResponse<String> response = get("/oauth2/jwks");
        assertThat(response.statusCode()).isEqualTo(200);
        try {
            return JWKSet.parse(response.body());
        } catch (ParseException e) {
            throw new AssertionError("the JWKS is not a JWK set: " + response.body(), e);
        }
    }

    /** What a relying party does: the signature must verify with a published key (and the token be current). */
    static boolean verifies(String token, JWKSet published) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(published)));
        try {
            processor.process(token, null);
            return true;
        } catch (BadJOSEException | JOSEException | ParseException refused) {
            return false;
        }
    }

    static JWTClaimsSet claims(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet();
        } catch (ParseException e) {
            throw new AssertionError("not a JWT: " + token, e);
        }
    }

    static String keyId(String token) {
        try {
            return SignedJWT.parse(token).getHeader().getKeyID();
        } catch (ParseException e) {
            throw new AssertionError("not a JWT: " + token, e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    static String form(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
