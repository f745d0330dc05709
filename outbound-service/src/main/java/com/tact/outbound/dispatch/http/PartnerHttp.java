package com.tact.outbound.dispatch.http;

import com.tact.outbound.config.OutboundProperties;
import com.tact.outbound.partner.UrlGuard;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.net.InetAddressUtils;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one HTTP client for partner APIs and their token endpoints (Apache HttpClient 5). Host names are resolved
 * by the {@link UrlGuard} alone and the connection goes to the addresses it checked; redirects are not followed
 * (a redirect could lead past the guard); a response body is read up to {@code max-response-bytes} and the
 * connection dropped beyond that.
 */
@Component
class PartnerHttp implements DisposableBean {

    /** A partner's answer: status, Retry-After, content type and the body (at most the cap). */
    record Answer(int status, String retryAfter, String contentType, String body, boolean truncated) {
    }

    /** The guard refused the host at connect time; an UnknownHostException so that the client gives up at once. */
    static final class RefusedHostException extends UnknownHostException {
        RefusedHostException(String message) {
            super(message);
        }
    }

    private final CloseableHttpClient client;
    private final UrlGuard guard;
    private final int maxBody;

    @Autowired
    PartnerHttp(UrlGuard guard, OutboundProperties properties) {
        this(guard, properties.dispatch().connectTimeout(), properties.dispatch().readTimeout(),
                properties.dispatch().maxResponseBytes(), Math.max(10, properties.dispatch().concurrency() * 2));
    }

    PartnerHttp(UrlGuard guard, Duration connectTimeout, Duration readTimeout, int maxBody, int maxConnections) {
        this.maxBody = maxBody;
        this.guard = guard;
        DnsResolver resolver = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                try {
                    return guard.resolve(host);
                } catch (UrlGuard.RefusedUrlException refused) {
                    throw new RefusedHostException(refused.getMessage());
                }
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(resolver)
                        .setMaxConnTotal(maxConnections)
                        .setMaxConnPerRoute(maxConnections)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(readTimeout))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(readTimeout))
                        .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
    }

    /** POSTs {@code body}; IOException (a SocketTimeoutException on a read time-out) when there is no answer. */
    Answer post(URI uri, Map<String, String> headers, byte[] body, ContentType contentType) throws IOException {
        if (InetAddressUtils.isIPv4(uri.getHost()) || uri.getHost().startsWith("[")) {
            // an address literal needs no DNS, and the client may not ask the resolver for it: checked here
            try {
                guard.resolve(uri.getHost());
            } catch (UrlGuard.RefusedUrlException refused) {
                throw new RefusedHostException(refused.getMessage());
            }
        }
        HttpPost post = new HttpPost(uri);
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, contentType));
        ClassicHttpResponse response = client.executeOpen(null, post, null);
        boolean truncated = false;
        try {
            HttpEntity entity = response.getEntity();
            byte[] bytes = new byte[0];
            if (entity != null) {
                InputStream in = entity.getContent();
                bytes = in.readNBytes(maxBody);
                truncated = in.read() != -1;
            }
            Header retryAfter = response.getFirstHeader("Retry-After");
            Header type = response.getFirstHeader("Content-Type");
            return new Answer(response.getCode(), retryAfter == null ? null : retryAfter.getValue(),
                    type == null ? null : type.getValue(), new String(bytes, StandardCharsets.UTF_8), truncated);
        } finally {
            if (truncated) {
                post.cancel();   // drop the connection instead of reading the rest
                try {
                    response.close();
                } catch (IOException dropped) {
                    // the connection was cut on purpose
                }
            } else {
                response.close();
            }
        }
    }

    @Override
    public void destroy() throws IOException {
        client.close();
    }
}
