package com.tact.outbound.dispatch.http;

import com.tact.outbound.config.OutboundProperties;
import com.tact.outbound.config.OutboundProperties.Partner;
import com.tact.outbound.dispatch.SecretSource;
import com.tact.outbound.partner.UrlGuard;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.hc.core5.http.ContentType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OAuth2 client-credentials tokens, one per partner, cached. One thread fetches (single flight per partner)
 * while the others keep using the still-valid token; the refresh starts {@code token-refresh-skew} before
 * expiry (or at 80 % of a short lifetime). A 401 drops the token that was refused, once for all threads.
 * A 401 from the token endpoint re-reads a stored secret once (it may have been rotated). The token URL goes
 * through the same SSRF guard as the partner's endpoints. Neither secrets nor tokens are ever logged.
 */
@Component
public class OAuthTokens {

    private static final Logger log = LoggerFactory.getLogger(OAuthTokens.class);

    private final PartnerHttp http;
    private final UrlGuard guard;
    private final JsonMapper json;
    private final ObjectProvider<SecretSource> secrets;
    private final Duration skew;
    private final Clock clock;
    private final Map<String, Cached> tokens = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<String, Long> fetches = new ConcurrentHashMap<>();

    @Autowired
    OAuthTokens(PartnerHttp http, UrlGuard guard, JsonMapper json, ObjectProvider<SecretSource> secrets,
                OutboundProperties properties) {
        this(http, guard, json, secrets, properties.dispatch().tokenRefreshSkew(), Clock.systemUTC());
    }

    OAuthTokens(PartnerHttp http, UrlGuard guard, JsonMapper json, ObjectProvider<SecretSource> secrets, Duration skew, Clock clock) {
        this.http = http;
        this.guard = guard;
        this.json = json;
        this.secrets = secrets;
        this.skew = skew;
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
        boolean fromStore = partner.clientSecret() == null || partner.clientSecret().isBlank();
        Cached fetched = fetchWith(partner, secret(partner, fromStore));
        if (fetched == null && fromStore) {
            // the secret may have been rotated in the store: read it again, once
            secrets.getObject().forget(partner.clientSecretId());
            fetched = fetchWith(partner, secret(partner, true));
        }
        if (fetched == null) {
            throw new TokenUnavailableException("token endpoint of " + partner.name() + " refused the client credentials (401)");
        }
        return fetched;
    }

    private String secret(Partner partner, boolean fromStore) {
        if (!fromStore) {
            return partner.clientSecret();
        }
        try {
            String secret = secrets.getObject().secret(partner.clientSecretId());
            if (secret == null || secret.isBlank()) {
                throw new TokenUnavailableException("client secret of " + partner.name() + " is empty in the secret store");
            }
            return secret;
        } catch (SecretSource.SecretUnavailableException e) {
            throw new TokenUnavailableException("client secret of " + partner.name() + " unavailable: " + e.getMessage());
        }
    }

    /** A token, or null when the token endpoint refused the credentials (401). */
    private Cached fetchWith(Partner partner, String secret) {
        URI tokenUrl;
        try {
            tokenUrl = guard.checkSyntax(partner.tokenUrl());
        } catch (UrlGuard.RefusedUrlException e) {
            throw new TokenUnavailableException("token URL of " + partner.name() + " refused: " + e.getMessage(), true);
        }
        String basic = Base64.getEncoder().encodeToString((enc(partner.clientId()) + ":" + enc(secret))
                .getBytes(StandardCharsets.UTF_8));
        Instant requestedAt = clock.instant();
        PartnerHttp.Answer response;
        try {
            response = http.post(tokenUrl, Map.of("Authorization", "Basic " + basic, "Accept", "application/json"),
                    "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8), ContentType.APPLICATION_FORM_URLENCODED);
        } catch (PartnerHttp.RefusedHostException e) {
            throw new TokenUnavailableException("token URL of " + partner.name() + " refused: " + e.getMessage(), true);
        } catch (IOException e) {
            throw new TokenUnavailableException("token endpoint of " + partner.name() + " unreachable: " + e.getClass().getSimpleName());
        }
        fetches.merge(partner.name(), 1L, Long::sum);
        if (response.status() == 401) {
            return null;
        }
        if (response.status() != 200) {
            throw new TokenUnavailableException("token endpoint of " + partner.name() + " answered " + response.status());
        }
        JsonNode body;
        try {
            body = response.truncated() ? null : json.readTree(response.body());
        } catch (JacksonException notJson) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            throw new TokenUnavailableException("token endpoint of " + partner.name() + " answered 200 with a body that is not a JSON object ("
                    + (response.contentType() == null ? "no content type" : response.contentType()) + ")");
        }
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

    /** No token; {@code permanent} when asking again cannot help (the token URL is refused). */
    public static class TokenUnavailableException extends RuntimeException {

        private final boolean permanent;

        TokenUnavailableException(String message) {
            this(message, false);
        }

        TokenUnavailableException(String message, boolean permanent) {
            super(message);
            this.permanent = permanent;
        }

        public boolean permanent() {
            return permanent;
        }
    }
}
