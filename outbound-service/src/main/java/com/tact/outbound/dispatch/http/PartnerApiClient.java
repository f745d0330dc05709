package com.tact.outbound.dispatch.http;

import com.tact.outbound.config.OutboundProperties;
import com.tact.outbound.config.OutboundProperties.Partner;
import com.tact.outbound.dispatch.PartnerGateway;
import com.tact.shared.tracing.MessageTracing;
import io.micrometer.tracing.Span;
import java.io.IOException;
import java.net.URI;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.hc.core5.http.ContentType;
import org.springframework.stereotype.Component;

/**
 * The partner API over {@link PartnerHttp}: bearer token, Idempotency-Key, traceparent, read time-out, the host
 * resolved (and checked) once by the SSRF guard, the response body read with a cap.
 */
@Component
class PartnerApiClient implements PartnerGateway {

    private final PartnerHttp http;
    private final OAuthTokens tokens;
    private final Duration readTimeout;

    private final MessageTracing tracing;

    PartnerApiClient(PartnerHttp http, OAuthTokens tokens, OutboundProperties properties, MessageTracing tracing) {
        this.http = http;
        this.tokens = tokens;
        this.readTimeout = properties.dispatch().readTimeout();
        this.tracing = tracing;
    }

    /** One CLIENT span per call (HTTP semantic conventions); the partner receives its context as traceparent. */
    @Override
    public Response send(Partner partner, URI endpoint, UUID eventId, byte[] body) {
        Span span = tracing.startChild(tracing.currentFields(), "POST", Span.Kind.CLIENT)
                .tag("http.request.method", "POST").tag("server.address", endpoint.getHost())
                .tag("url.full", endpoint.toString()).tag("tact.partner", partner.name());
        return tracing.within(span, () -> {
            Response r = call(partner, endpoint, eventId, body, tracing.fields(span.context()));
            if (r.statusCode() > 0) {
                span.tag("http.response.status_code", Integer.toString(r.statusCode()));
            }
            if (r.outcome() != Outcome.SUCCESS) {
                span.tag("error.type", r.outcome().name());
            }
            return r;
        });
    }

    private Response call(Partner partner, URI endpoint, UUID eventId, byte[] body, Map<String, String> traceHeaders) {
        long start = System.nanoTime();
        String token;
        try {
            token = tokens.token(partner);
        } catch (OAuthTokens.TokenUnavailableException e) {
            return new Response(e.permanent() ? Outcome.REFUSED : Outcome.IO_ERROR, 0, null, elapsed(start), e.getMessage());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token);
        headers.put("Idempotency-Key", eventId.toString());
        headers.putAll(traceHeaders);
        try {
            PartnerHttp.Answer r = http.post(endpoint, headers, body, ContentType.APPLICATION_JSON);
            int status = r.status();
            long latency = elapsed(start);
            if (status >= 200 && status < 300) {
                return new Response(Outcome.SUCCESS, status, null, latency, null);
            }
            if (status == 401) {
                tokens.refused(partner, token);
                return new Response(Outcome.UNAUTHORIZED, status, null, latency, "401 from partner: token refused");
            }
            return new Response(Outcome.HTTP_ERROR, status, retryAfter(r.retryAfter()), latency,
                    status + ": " + abbreviate(withoutToken(r.body(), token)) + (r.truncated() ? " (body cut at the size limit)" : ""));
        } catch (PartnerHttp.RefusedHostException e) {
            return new Response(Outcome.REFUSED, 0, null, elapsed(start), e.getMessage());
        } catch (SocketTimeoutException e) {
            return new Response(Outcome.TIMEOUT, 0, null, elapsed(start), "timed out after " + readTimeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Response(Outcome.IO_ERROR, 0, null, elapsed(start), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /**
     * The partner's answer is kept as the attempt's error, which every viewer of the ledger reads: a partner that
     * echoes the request (a debugging gateway, an error page) must not hand them the access token.
     */
    static String withoutToken(String body, String token) {
        return body == null || token == null || token.isEmpty() ? body : body.replace(token, "[access token withheld]");
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
