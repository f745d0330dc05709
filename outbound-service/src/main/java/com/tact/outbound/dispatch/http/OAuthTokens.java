package com.tact.outbound.dispatch.http;

import com.tact.outbound.config.OutboundProperties;
import com.tact.outbound.config.OutboundProperties.Partner;
import com.tact.outbound.dispatch.SecretSource;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OAuth2 client-credentials tokens, one per partner, cached. One thread fetches (single flight per partner)
 * while the others keep using the still-valid token; the refresh starts {@code token-refresh-skew} before
 * expiry (or at 80 % of a short lifetime). A 401 drops the token that was refused, once for all threads.
 * Neither secrets nor tokens are ever logged.
 */
@Component
public class OAuthTokens {

    private static final Logger log = LoggerFactory.getLogger(OAuthTokens.class);

    private final HttpClient http;
    private final JsonMapper json;
    private final ObjectProvider<SecretSource> secrets;
    private final Duration skew;
    private final Duration timeout;
    private final Clock clock;
    private final Map<String, Cached> tokens = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<String, Long> fetches = new ConcurrentHashMap<>();

    @Autowired
    OAuthTokens(HttpClient partnerHttpClient, JsonMapper json, ObjectProvider<SecretSource> secrets,
                OutboundProperties properties) {
        this(partnerHttpClient, json, secrets, properties.dispatch().tokenRefreshSkew(), properties.dispatch().readTimeout(),
                Clock.systemUTC());
    }

    OAuthTokens(HttpClient http, JsonMapper json, ObjectProvider<SecretSource> secrets, Duration skew, Duration timeout, Clock clock) {
        this.http = http;
        this.json = json;
        this.secrets = secrets;
        this.skew = skew;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** A token that is valid now; fetches one when there is none or the cached one is due for refresh. */
    public String token(Partner partner) {
        Instant now = clock.instant();
        Cached c = tokens.get(partner.name());
        if (c != null && now.isBefore(c.refreshAt())) {
            return c.value();
        }
        ReentrantLock lock = locks.computeIfAbsent(partner.name(), k -> new ReentrantLock());
        if (c != null && now.isBefore(c.expiresAt())) {
            // due for a proactive refresh but still valid: one thread refreshes, the others go on with it
            if (!lock.tryLock()) {
                return c.value();
            }
        } else {
            lock.lock();
        }
        try {
            Cached again = tokens.get(partner.name());
            if (again != null && clock.instant().isBefore(again.refreshAt())) {
                return again.value();
            }
            Cached fresh = fetch(partner);
            tokens.put(partner.name(), fresh);
            return fresh.value();
        } finally {
            lock.unlock();
        }
    }

    /** The partner refused {@code token}: forget it unless another thread has replaced it already. */
    public void refused(Partner partner, String token) {
        tokens.computeIfPresent(partner.name(), (k, c) -> c.value().equals(token) ? null : c);
    }

    /** Token requests made per partner since start (tests and metrics). */
    public long fetchCount(String partner) {
        return fetches.getOrDefault(partner, 0L);
    }

    private Cached fetch(Partner partner) {
        String secret = partner.clientSecret() != null && !partner.clientSecret().isBlank()
                ? partner.clientSecret()
                : secrets.getObject().secret(partner.clientSecretId());
        String basic = Base64.getEncoder().encodeToString((enc(partner.clientId()) + ":" + enc(secret))
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(partner.tokenUrl()))
                .timeout(timeout)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        Instant requestedAt = clock.instant();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TokenUnavailableException("token endpoint of " + partner.name() + " unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenUnavailableException("interrupted while fetching a token for " + partner.name());
        }
        fetches.merge(partner.name(), 1L, Long::sum);
        if (response.statusCode() != 200) {
            throw new TokenUnavailableException("token endpoint of " + partner.name() + " answered " + response.statusCode());
        }
        JsonNode body = json.readTree(response.body());
        String value = body.path("access_token").asString(null);
        if (value == null || value.isBlank()) {
            throw new TokenUnavailableException("token endpoint of " + partner.name() + " returned no access_token");
        }
        long lifetime = Math.max(1, body.path("expires_in").asLong(300));
        Instant expiresAt = requestedAt.plusSeconds(lifetime);
        long refreshIn = Math.max(0, Math.min(lifetime * 1000 - skew.toMillis(), lifetime * 800));
        log.debug("fetched a token for {} valid {} s", partner.name(), lifetime);
        return new Cached(value, expiresAt, requestedAt.plusMillis(refreshIn));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private record Cached(String value, Instant expiresAt, Instant refreshAt) {
    }

    public static class TokenUnavailableException extends RuntimeException {
        TokenUnavailableException(String message) {
            super(message);
        }
    }
}
