package com.tact.outbound.dispatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tact.mockpartner.MockPartnerServer;
import com.tact.outbound.config.OutboundProperties;
import com.tact.outbound.dispatch.SecretSource;
import com.tact.outbound.partner.UrlGuard;
import com.tact.outbound.config.PropertiesFixture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import tools.jackson.databind.json.JsonMapper;

/** Token caching against the real mock partner's token endpoint, with a clock the test moves. */
class OAuthTokensTest {

    private MockPartnerServer server;
    private final MutableClock clock = new MutableClock();
    private final StaticListableBeanFactory beans = new StaticListableBeanFactory();
    private OAuthTokens tokens;

    @BeforeEach
    void start() throws Exception {
        server = MockPartnerServer.start("127.0.0.1", 0, Map.of("custodian-a", "s3cret"));
        beans.addBean("secrets", (SecretSource) id -> {
            if ("arn:broken".equals(id)) {
                throw new SecretSource.SecretUnavailableException("Secrets Manager: InternalServiceError for " + id);
            }
            return "arn:secret-a".equals(id) ? "s3cret" : null;
        });
        var guard = new UrlGuard(PropertiesFixture.withAllowedHosts(List.of("127.0.0.1")));
        tokens = new OAuthTokens(new PartnerHttp(guard, Duration.ofSeconds(2), Duration.ofSeconds(5), 65536, 10), guard,
                JsonMapper.builder().build(), beans.getBeanProvider(SecretSource.class), Duration.ofSeconds(60), clock);
        // the mock partner issues tokens valid for 300 s
        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(server.uri("/mock/partners/custodian-a/script"))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"steps\":[],\"tokenTtlSeconds\":300}")).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OutboundProperties.Partner partner(String secret, String secretId) {
        return new OutboundProperties.Partner("custodian-a", "q", "dlq", 5, server.baseUrl() + "/oauth/token", "custodian-a", secret,
                secretId, List.of(new OutboundProperties.Endpoint("primary", server.baseUrl() + "/partners/custodian-a/primary", 1)),
                List.of(), List.of());
    }

    @Test
    void tokenIsCachedAndRefreshedBeforeItExpires() {
        var partner = partner("s3cret", null);
        String first = tokens.token(partner);
        assertThat(tokens.token(partner)).isEqualTo(first);
        assertThat(tokens.fetchCount("custodian-a")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(241));   // inside the 60 s refresh window, still valid
        String refreshed = tokens.token(partner);
        assertThat(refreshed).isNotEqualTo(first);
        assertThat(tokens.fetchCount("custodian-a")).isEqualTo(2);
    }

    @Test
    void concurrentCallersShareOneFetch() throws Exception {
        var partner = partner("s3cret", null);
        var start = new CountDownLatch(1);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> results = java.util.stream.IntStream.range(0, 50).mapToObj(i -> pool.submit(() -> {
                start.await();
                return tokens.token(partner);
            })).toList();
            start.countDown();
            for (Future<String> r : results) {
                assertThat(r.get()).isNotBlank();
            }
        }
        assertThat(tokens.fetchCount("custodian-a")).isEqualTo(1);
    }

    @Test
    void refusedTokenIsDroppedOnceAndTheSecretCanComeFromTheSecretStore() {
        var partner = partner(null, "arn:secret-a");
        String first = tokens.token(partner);
        tokens.refused(partner, first);
        String second = tokens.token(partner);
        tokens.refused(partner, first);            // a late 401 for the old token does not drop the new one
        assertThat(tokens.token(partner)).isEqualTo(second);
        assertThat(tokens.fetchCount("custodian-a")).isEqualTo(2);
    }

    @Test
    void aSecretStoreFailureIsATokenFailureThatNamesNoSecret() {
        assertThatThrownBy(() -> tokens.token(partner(null, "arn:broken")))
                .isInstanceOf(OAuthTokens.TokenUnavailableException.class)
                .hasMessageContaining("client secret of custodian-a unavailable")
                .hasMessageContaining("InternalServiceError");
    }

    @Test
    void aTokenUrlOnAPrivateAddressIsRefusedBeforeAnyCall() {
        var partner = new OutboundProperties.Partner("custodian-a", "q", "dlq", 5, "http://169.254.169.254/latest/oauth", "custodian-a",
                "s3cret", null, List.of(), List.of(), List.of());
        assertThatThrownBy(() -> tokens.token(partner)).isInstanceOf(OAuthTokens.TokenUnavailableException.class)
                .hasMessageContaining("token URL of custodian-a refused")
                .satisfies(e -> assertThat(((OAuthTokens.TokenUnavailableException) e).permanent()).isTrue());
        assertThat(tokens.fetchCount("custodian-a")).isZero();
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
