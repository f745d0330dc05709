package com.tact.shared.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.tact.testsupport.FreePorts;
import com.tact.testsupport.TestIssuer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An identity provider that cannot be asked for its keys (down, failing with 5xx, too slow, its discovery down)
 * makes the services answer 503 with Retry-After, never 500 and never a hung request; the token may be good.
 */
class IdentityProviderDownTest {

    static HttpServer failing;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void failingIdp() throws Exception {
        failing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        failing.createContext("/fail", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        failing.createContext("/slow", exchange -> {
            try {
                Thread.sleep(4_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        failing.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        failing.start();
    }

    @AfterAll
    static void stop() {
        failing.stop(0);
    }

    @Test
    void keysUnreachableFailingSlowOrUndiscoverableAre503() throws Exception {
        String base = "http://127.0.0.1:" + failing.getAddress().getPort();
        int closed = FreePorts.next();
        assertUnavailable("--tact.security.oidc.jwk-set-uri=http://127.0.0.1:" + closed + "/oauth2/jwks");
        assertUnavailable("--tact.security.oidc.jwk-set-uri=" + base + "/fail");
        long started = System.nanoTime();
        assertUnavailable("--tact.security.oidc.jwk-set-uri=" + base + "/slow");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        // no key set location: discovery at the issuer, which is down
        assertUnavailable("--tact.security.oidc.issuer=http://127.0.0.1:" + closed + "/issuer");
    }

    private void assertUnavailable(String... arguments) throws Exception {
        var args = new java.util.ArrayList<>(java.util.List.of(SecuredApp.PROPERTIES).stream().map(p -> "--" + p).toList());
        args.addAll(java.util.List.of("--server.port=0", "--tact.test.issuer=real",
                "--tact.security.oidc.issuer=" + TestIssuer.issuer(), "--tact.security.oidc.jwks-timeout=1s"));
        args.addAll(java.util.List.of(arguments));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SecuredApp.class)
                .run(args.toArray(String[]::new))) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/things"))
                    .header("Authorization", "Bearer " + TestIssuer.token("viewer")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s: %s", String.join(" ", arguments), response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(response.body()).contains("identity provider");
        }
    }
}
