package com.tact.outbound.dispatch.http;

import com.tact.testsupport.PartnerScript;

import static org.assertj.core.api.Assertions.assertThat;

import com.tact.mockpartner.MockPartnerServer;
import com.tact.outbound.config.OutboundProperties;
import com.tact.outbound.config.PropertiesFixture;
import com.tact.outbound.dispatch.PartnerGateway;
import com.tact.outbound.dispatch.SecretSource;
import com.tact.outbound.partner.UrlGuard;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * One partner call over real HTTP to the mock partner, with the short time-outs the end-to-end tests no longer use
 * (they must tolerate a loaded machine): the read time-out, the body cap, and the SSRF guard's pinned resolution.
 */
class PartnerApiClientCallTest {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);
    private MockPartnerServer server;
    private final AtomicInteger lookups = new AtomicInteger();
    /** What "DNS" answers for partner.test; a rebinding attacker answers differently each time. */
    private volatile java.util.function.Supplier<InetAddress[]> rebinding;

    @BeforeEach
    void start() throws Exception {
        server = MockPartnerServer.start("127.0.0.1", 0, Map.of("custodian-a", "s3cret"));
        InetAddress[] loopback = {InetAddress.getByName("127.0.0.1")};
        rebinding = () -> loopback;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private PartnerApiClient client(List<String> allowed, int maxBody) {
        OutboundProperties properties = PropertiesFixture.withAllowedHosts(allowed);
        UrlGuard guard = new UrlGuard(properties, host -> {
            lookups.incrementAndGet();
            return host.equals("partner.test") ? rebinding.get() : InetAddress.getAllByName(host);
        });
        PartnerHttp http = new PartnerHttp(guard, Duration.ofSeconds(1), READ_TIMEOUT, maxBody, 10);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("secrets", (SecretSource) id -> null);
        OAuthTokens tokens = new OAuthTokens(http, guard, JsonMapper.builder().build(), beans.getBeanProvider(SecretSource.class),
                Duration.ofSeconds(60), Clock.systemUTC());
        return new PartnerApiClient(http, tokens, new OutboundProperties("bus", Duration.ofSeconds(1), null,
                new OutboundProperties.Dispatch(true, 1, Duration.ofSeconds(1), READ_TIMEOUT, null, null, null, null, maxBody, null,
                        null, null, null, allowed), List.of()),
                new com.tact.shared.tracing.MessageTracing(io.micrometer.tracing.Tracer.NOOP, io.micrometer.tracing.propagation.Propagator.NOOP));
    }

    private OutboundProperties.Partner partner(String host) {
        String base = "http://" + host + ":" + server.port();
        return new OutboundProperties.Partner("custodian-a", "q", "dlq", 5, base + "/oauth/token", "custodian-a", "s3cret", null,
                List.of(new OutboundProperties.Endpoint("primary", base + "/partners/custodian-a/primary", 1)), List.of(), List.of());
    }

    private void script(String json) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri("/mock/partners/custodian-a/script"))
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private PartnerGateway.Response send(PartnerApiClient client, OutboundProperties.Partner partner) {
        return client.send(partner, URI.create(partner.endpoints().getFirst().url()), UUID.randomUUID(),
                "{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPartnerSlowerThanTheReadTimeOutIsATimeOut() throws Exception {
        script(PartnerScript.respond(200).delayMs(3000).times(1).json());
        long start = System.nanoTime();
        PartnerGateway.Response r = send(client(List.of("127.0.0.1"), 65536), partner("127.0.0.1"));
        assertThat(r.outcome()).isEqualTo(PartnerGateway.Outcome.TIMEOUT);
        assertThat(r.error()).isEqualTo("timed out after 1000 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2900));
    }

    @Test
    void aPartnerThatEchoesTheRequestDoesNotPutTheAccessTokenIntoTheLedger() throws Exception {
        var seen = new java.util.concurrent.atomic.AtomicReference<String>();
        var echo = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        echo.createContext("/", exchange -> {
            seen.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] answer = ("bad request; you sent Authorization: " + seen.get()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(400, answer.length);
            try (var out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        echo.start();
        try {
            var base = partner("127.0.0.1");
            var partner = new OutboundProperties.Partner(base.name(), "q", "dlq", 5, base.tokenUrl(), base.clientId(), "s3cret",
                    null, List.of(new OutboundProperties.Endpoint("primary", "http://127.0.0.1:" + echo.getAddress().getPort() + "/in", 1)),
                    List.of(), List.of());

            PartnerGateway.Response r = send(client(List.of("127.0.0.1"), 65536), partner);

            assertThat(seen.get()).startsWith("Bearer ").hasSizeGreaterThan(20);
            String token = seen.get().substring("Bearer ".length());
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.error()).doesNotContain(token).contains("Authorization: Bearer [access token withheld]");
        } finally {
            echo.stop(0);
        }
    }

    @Test
    void aHugeResponseBodyIsReadOnlyUpToTheCap() throws Exception {
        script(PartnerScript.respond(500).bodyBytes(50_000_000).times(1).json());
        PartnerGateway.Response r = send(client(List.of("127.0.0.1"), 4096), partner("127.0.0.1"));
        assertThat(r.outcome()).as(r.error()).isEqualTo(PartnerGateway.Outcome.HTTP_ERROR);
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.error()).startsWith("500: xxxx").endsWith("... (body cut at the size limit)");
    }

    @Test
    void theAddressTheGuardCheckedIsTheAddressConnectedTo() throws Exception {
        // DNS rebinding: the first answer is a public address (it passes the guard), every later one is loopback,
        // where the mock partner listens. A client that resolved again after the check would reach it.
        InetAddress publicAddress = InetAddress.getByName("192.0.2.10");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        var client = client(List.of(), 65536);
        rebinding = () -> lookups.get() <= 1 ? new InetAddress[] {publicAddress} : new InetAddress[] {loopback};

        PartnerGateway.Response r = send(client, partner("partner.test"));

        assertThat(r.outcome()).as(r.error()).isEqualTo(PartnerGateway.Outcome.IO_ERROR);
        assertThat(lookups.get()).as("name resolutions for the token call").isEqualTo(1);
        HttpResponse<String> stats = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri("/mock/partners/custodian-a/stats"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stats.body()).contains("\"tokenRequests\":0").contains("\"calls\":0");
    }

    @Test
    void aHostNameThatResolvesToAPrivateAddressIsRefusedWhenTheCallConnects() throws Exception {
        PartnerGateway.Response r = send(client(List.of(), 65536), partner("partner.test"));
        assertThat(r.outcome()).isEqualTo(PartnerGateway.Outcome.REFUSED);
        assertThat(r.error()).contains("token URL of custodian-a refused").contains("private or loopback");
    }
}
