package com.tact.outbound.dispatch.http;

import com.tact.outbound.config.OutboundProperties;
import com.tact.outbound.config.OutboundProperties.Partner;
import com.tact.outbound.dispatch.PartnerGateway;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/** The partner API over the JDK HTTP client: bearer token, Idempotency-Key, traceparent, read time-out. */
@Component
class PartnerApiClient implements PartnerGateway {

    private final HttpClient http;
    private final OAuthTokens tokens;
    private final Duration readTimeout;

    PartnerApiClient(HttpClient partnerHttpClient, OAuthTokens tokens, OutboundProperties properties) {
        this.http = partnerHttpClient;
        this.tokens = tokens;
        this.readTimeout = properties.dispatch().readTimeout();
    }

    @Override
    public Response send(Partner partner, URI endpoint, UUID eventId, String traceparent, byte[] body) {
        long start = System.nanoTime();
        String token;
        try {
            token = tokens.token(partner);
        } catch (OAuthTokens.TokenUnavailableException e) {
            return new Response(Outcome.IO_ERROR, 0, null, elapsed(start), e.getMessage());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(readTimeout)
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", eventId.toString())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = r.statusCode();
            long latency = elapsed(start);
            if (status >= 200 && status < 300) {
                return new Response(Outcome.SUCCESS, status, null, latency, null);
            }
            if (status == 401) {
                tokens.refused(partner, token);
                return new Response(Outcome.UNAUTHORIZED, status, null, latency, "401 from partner: token refused");
            }
            return new Response(Outcome.HTTP_ERROR, status, retryAfter(r.headers().firstValue("Retry-After").orElse(null)), latency,
                    status + ": " + abbreviate(r.body()));
        } catch (HttpTimeoutException e) {
            return new Response(Outcome.TIMEOUT, 0, null, elapsed(start), "timed out after " + readTimeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Response(Outcome.IO_ERROR, 0, null, elapsed(start), e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(Outcome.IO_ERROR, 0, null, elapsed(start), "interrupted");
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

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    @Configuration(proxyBeanMethods = false)
    static class HttpClientConfiguration {

        @Bean(destroyMethod = "close")
        HttpClient partnerHttpClient(OutboundProperties properties) {
            return HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(properties.dispatch().connectTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER)   // a redirect could lead past the SSRF guard
                    .executor(Executors.newVirtualThreadPerTaskExecutor())
                    .build();
        }
    }
}
