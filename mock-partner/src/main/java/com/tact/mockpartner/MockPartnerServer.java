package com.tact.mockpartner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A scriptable stand-in for the partners' HTTP APIs, for dev, QA and outbound-service's tests.
 *
 * <pre>
 * POST /oauth/token                          client-credentials grant (form or Basic); client id = partner name
 * POST /partners/{partner}/{endpoint}        the partner API: Bearer token required, Idempotency-Key recorded
 * PUT  /mock/partners/{partner}/script       {"steps":[{"status":500,"times":3},{"status":200}], "tokenTtlSeconds":60}
 *                                            step fields: status, delayMs, retryAfterSeconds, body, times, forMillis,
 *                                            endpoint, headers {name: value}, bodyBytes (a filler body of that size);
 *                                            "token": {"status":200,"contentType":"text/html","rawBody":"...","times":3}
 *                                            makes the token endpoint answer that instead of a token
 * POST /mock/partners/{partner}/expire-tokens every token issued so far answers 401 from now on
 * GET  /mock/partners/{partner}/received?after=0&limit=500   what it received, oldest first
 * GET  /mock/partners/{partner}/stats        counts: calls, accepted, duplicates, per status, per endpoint
 * DELETE /mock/partners/{partner} | /mock/partners   forget a partner's (or every) script and history (tokens stay valid)
 * </pre>
 * The query and script endpoints are unauthenticated on purpose: it is a dev/QA tool bound to loopback.
 */
public final class MockPartnerServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, PartnerState> partners = new ConcurrentHashMap<>();
    private final Map<String, String> clients;

    private MockPartnerServer(String host, int port, Map<String, String> clients) throws IOException {
        this.clients = Map.copyOf(clients);
        this.server = HttpServer.create(new InetSocketAddress(host, port), 2048);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /**
     * Starts a server; {@code clients} maps client id to secret (empty: any non-blank secret is accepted).
     * Port 0 picks a free port.
     */
    public static MockPartnerServer start(String host, int port, Map<String, String> clients) throws IOException {
        MockPartnerServer s = new MockPartnerServer(host, port, clients);
        s.server.start();
        return s;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + port();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** {@code MOCK_PARTNER_PORT} (8090), {@code MOCK_PARTNER_CLIENTS} as {@code id=secret,id=secret}. */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(env("MOCK_PARTNER_PORT", "8090"));
        Map<String, String> clients = new HashMap<>();
        for (String pair : env("MOCK_PARTNER_CLIENTS", "").split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                clients.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        MockPartnerServer s = start(env("MOCK_PARTNER_HOST", "127.0.0.1"), port, clients);
        System.out.println("mock partner listening on " + s.baseUrl() + " (" + clients.size() + " configured clients)");
        Runtime.getRuntime().addShutdownHook(new Thread(s::close));
        Thread.currentThread().join();
    }

    private static String env(String name, String def) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? System.getProperty(name, def) : v;
    }

    private PartnerState partner(String name) {
        return partners.computeIfAbsent(name, PartnerState::new);
    }

    private void handle(HttpExchange ex) throws IOException {
        // the exchange is closed after the error answer (a try-with-resources would close it before the catch)
        try (ex) {
            route(ex);
        }
    }

    private void route(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            String[] seg = path.replaceAll("^/+|/+$", "").split("/");
            String method = ex.getRequestMethod();
            if (path.equals("/health")) {
                send(ex, 200, Map.of("status", "UP"));
            } else if (path.equals("/oauth/token") && method.equals("POST")) {
                token(ex);
            } else if (seg.length == 3 && seg[0].equals("partners") && method.equals("POST")) {
                receive(ex, seg[1], seg[2]);
            } else if (seg.length >= 2 && seg[0].equals("mock") && seg[1].equals("partners")) {
                admin(ex, method, seg);
            } else {
                send(ex, 404, problem(404, "no such endpoint: " + method + " " + path));
            }
        } catch (RuntimeException e) {
            send(ex, 400, problem(400, String.valueOf(e.getMessage())));
        }
    }

    private void token(HttpExchange ex) throws IOException {
        Map<String, String> form = form(read(ex.getRequestBody()));
        String id = form.get("client_id");
        String secret = form.get("client_secret");
        String basic = ex.getRequestHeaders().getFirst("Authorization");
        if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] pair = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8).split(":", 2);
            id = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
            secret = pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : null;
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            send(ex, 400, Map.of("error", "unsupported_grant_type"));
            return;
        }
        boolean ok = id != null && secret != null && !secret.isBlank()
                && (clients.isEmpty() || secret.equals(clients.get(id)));
        if (!ok) {
            send(ex, 401, Map.of("error", "invalid_client"));
            return;
        }
        PartnerState p = partner(id);
        PartnerState.TokenAnswer scripted = p.nextTokenAnswer();
        if (scripted != null) {
            ex.getResponseHeaders().set("Content-Type", scripted.contentType());
            sendRaw(ex, scripted.status(), scripted.body().getBytes(StandardCharsets.UTF_8));
            return;
        }
        String token = p.issueToken();
        send(ex, 200, Map.of("access_token", token, "token_type", "Bearer", "expires_in", p.tokenTtlSeconds()));
    }

    private void receive(HttpExchange ex, String partnerName, String endpoint) throws IOException {
        PartnerState p = partner(partnerName);
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
        byte[] raw = ex.getRequestBody().readAllBytes();
        if (!p.validToken(token)) {
            p.record(endpoint, ex.getRequestHeaders().getFirst("Idempotency-Key"), null, null, null, 401);
            ex.getResponseHeaders().add("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            send(ex, 401, problem(401, "invalid or expired token"));
            return;
        }
        Step step = p.next(endpoint);
        if (step.delayMs() > 0) {
            try {
                Thread.sleep(step.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
        String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
        String type = body != null && body.hasNonNull("eventType") ? body.get("eventType").asString() : null;
        String bucket = body != null && body.hasNonNull("bucketId") ? body.get("bucketId").asString() : null;
        int status = step.statusOrOk();
        Received r = p.record(endpoint, key, type, bucket, body, status, ex.getRequestHeaders().getFirst("traceparent"));
        if (step.retryAfterSeconds() > 0) {
            ex.getResponseHeaders().add("Retry-After", Integer.toString(step.retryAfterSeconds()));
        }
        step.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        if (step.bodyBytes() > 0) {
            sendFiller(ex, status, step.bodyBytes());
        } else if (step.body() != null) {
            sendRaw(ex, status, step.body().getBytes(StandardCharsets.UTF_8));
        } else if (status >= 200 && status < 300) {
            send(ex, status, Map.of("received", r.n(), "duplicate", r.duplicate()));
        } else {
            send(ex, status, problem(status, "scripted failure"));
        }
    }

    private void admin(HttpExchange ex, String method, String[] seg) throws IOException {
        if (seg.length == 2 && method.equals("DELETE")) {
            partners.values().forEach(PartnerState::resetHistory);
            send(ex, 204, null);
            return;
        }
        if (seg.length < 3) {
            send(ex, 404, problem(404, "partner missing"));
            return;
        }
        String name = seg[2];
        String action = seg.length > 3 ? seg[3] : "";
        switch (method + " " + action) {
            case "DELETE " -> {
                partner(name).resetHistory();
                send(ex, 204, null);
            }
            case "PUT script" -> {
                JsonNode body = JSON.readTree(read(ex.getRequestBody()));
                List<Step> steps = new ArrayList<>();
                for (JsonNode s : body.path("steps")) {
                    steps.add(new Step(s.path("status").asInt(200), s.path("delayMs").asLong(0),
                            s.path("retryAfterSeconds").asInt(0),
                            s.hasNonNull("body") ? s.get("body").toString() : null,
                            s.hasNonNull("times") ? s.get("times").asInt() : null,
                            s.hasNonNull("forMillis") ? s.get("forMillis").asLong() : null,
                            s.hasNonNull("endpoint") ? s.get("endpoint").asString() : null,
                            headers(s.path("headers")), s.path("bodyBytes").asLong(0)));
                }
                Long ttl = body.hasNonNull("tokenTtlSeconds") ? body.get("tokenTtlSeconds").asLong() : null;
                partner(name).script(steps, ttl);
                JsonNode t = body.path("token");
                if (t.isObject()) {
                    partner(name).scriptToken(new PartnerState.TokenAnswer(t.path("status").asInt(200),
                            t.path("contentType").asString("text/html"), t.path("rawBody").asString(""),
                            t.hasNonNull("times") ? t.get("times").asInt() : null));
                }
                send(ex, 200, Map.of("partner", name, "steps", steps.size()));
            }
            case "POST expire-tokens" -> {
                partner(name).expireTokens();
                send(ex, 204, null);
            }
            case "GET stats" -> send(ex, 200, partner(name).stats());
            case "GET received" -> {
                Map<String, String> q = form(ex.getRequestURI().getRawQuery());
                long after = Long.parseLong(q.getOrDefault("after", "0"));
                int limit = Math.min(Integer.parseInt(q.getOrDefault("limit", "500")), 5000);
                List<Received> items = partner(name).received(after, limit);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("partner", name);
                out.put("count", items.size());
                out.put("items", items);
                send(ex, 200, out);
            }
            default -> send(ex, 404, problem(404, "unknown mock action: " + method + " " + action));
        }
    }

    private static Map<String, String> headers(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asString()));
        return out;
    }

    /** A body of {@code size} bytes, streamed (the client is expected to stop reading long before the end). */
    private static void sendFiller(HttpExchange ex, int status, long size) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/plain");
        ex.sendResponseHeaders(status, size);
        byte[] chunk = new byte[8192];
        java.util.Arrays.fill(chunk, (byte) 'x');
        try (var out = ex.getResponseBody()) {
            for (long left = size; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        } catch (IOException clientWentAway) {
            // expected: the client read what it wanted and closed the connection
        }
    }

    private static Map<String, Object> problem(int status, String detail) {
        return Map.of("type", "about:blank", "status", status, "detail", detail);
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> form(String s) {
        Map<String, String> out = new HashMap<>();
        if (s == null || s.isBlank()) {
            return out;
        }
        for (String pair : s.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void send(HttpExchange ex, int status, Object body) throws IOException {
        if (body == null) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        sendRaw(ex, status, JSON.writeValueAsBytes(body));
    }

    private static void sendRaw(HttpExchange ex, int status, byte[] bytes) throws IOException {
        if (!ex.getResponseHeaders().containsKey("Content-Type")) {
            ex.getResponseHeaders().set("Content-Type", "application/json");
        }
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
    }

    /** Only for URI building in callers that embed the server. */
    public URI uri(String path) {
        return URI.create(baseUrl() + path);
    }
}
