package com.tact.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.springframework.context.ApplicationContext;
import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A service's security matrix: every endpoint it serves, with the least role that may call it, checked over real
 * HTTP with the {@link TestIssuer}'s tokens. The endpoints come from the running application (every request
 * mapping: controllers, springdoc, the exposed Actuator endpoints), so a new endpoint without an {@link Entry}
 * fails the test until someone decides who may call it; an entry that matches no endpoint fails too.
 * <p>
 * For each entry: no token, an expired token and a token of a foreign issuer get 401; a token of the role just
 * below (a token without any suite role, below a viewer) gets 403; the required role gets neither 401 nor 403 nor
 * a 5xx (nor 405/406/415, which would mean the request never reached the controller), and for a read marked
 * {@link Entry#listing()} a 2xx. A right-role call may well be refused by the controller (400, 404, 409): that
 * proves authorization let it through, without side effects on shared test data.
 */
public final class SecurityMatrix {

    /** The least role an endpoint needs; {@link #NONE} is open (health and info). */
    public enum Role {
        NONE, VIEWER, OPERATOR, ADMIN;

        String claim() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** A valid token of the role just below this one: a viewer's is below an operator, no suite role below a viewer. */
        String tokenBelow() {
            return switch (this) {
                case NONE -> throw new IllegalStateException("nothing is below an open endpoint");
                case VIEWER -> TestIssuer.token();
                case OPERATOR -> TestIssuer.token(VIEWER.claim());
                case ADMIN -> TestIssuer.token(OPERATOR.claim());
            };
        }
    }

    /** An endpoint as the application maps it: the HTTP method ({@code *} for any) and the path pattern. */
    public record Endpoint(String method, String pattern) implements Comparable<Endpoint> {
        @Override
        public int compareTo(Endpoint o) {
            int byPath = pattern.compareTo(o.pattern);
            return byPath != 0 ? byPath : method.compareTo(o.method);
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    /**
     * One row of the table.
     *
     * @param path        the path to call; null: the pattern with its variables replaced by the samples
     * @param contentType with body, what the request sends
     * @param mustSucceed the right role must get a 2xx (a list, a read that always answers): {@link #listing()}
     */
    public record Entry(Endpoint endpoint, Role role, String path, String contentType, String body, boolean mustSucceed) {

        public static Entry open(String method, String pattern) {
            return new Entry(new Endpoint(method, pattern), Role.NONE, null, null, null, false);
        }

        public static Entry viewer(String method, String pattern) {
            return new Entry(new Endpoint(method, pattern), Role.VIEWER, null, null, null, false);
        }

        public static Entry operator(String method, String pattern) {
            return new Entry(new Endpoint(method, pattern), Role.OPERATOR, null, null, null, false);
        }

        public static Entry admin(String method, String pattern) {
            return new Entry(new Endpoint(method, pattern), Role.ADMIN, null, null, null, false);
        }

        /** Call this concrete path (a query, a wildcard pattern, an id the test made). */
        public Entry at(String concretePath) {
            return new Entry(endpoint, role, concretePath, contentType, body, mustSucceed);
        }

        public Entry json(String json) {
            return body("application/json", json);
        }

        public Entry body(String type, String content) {
            return new Entry(endpoint, role, path, type, content, mustSucceed);
        }

        public Entry listing() {
            return new Entry(endpoint, role, path, contentType, body, true);
        }

        @Override
        public String toString() {
            return endpoint + " -> " + role.claim();
        }
    }

    /**
     * Mappings that are not an API of the service: Spring Boot's error page, reached by the error dispatch (open,
     * so that a refusal's problem+json is not replaced by a second refusal), which a direct request cannot use.
     */
    public static final Set<String> NOT_AN_API = Set.of("/error");

    /**
     * The endpoints every service has from tact-shared's defaults (health and info open; metrics and the OpenAPI
     * documents for a viewer; the Actuator's links for an admin), followed by the service's own entries.
     *
     * @param healthGroupPath the probe group the health/** entry calls, e.g. {@code /actuator/health/liveness}
     */
    public static List<Entry> withSuiteDefaults(String healthGroupPath, Entry... serviceEntries) {
        var table = new ArrayList<>(List.of(
                Entry.open("GET", "/actuator/health"),
                Entry.open("GET", "/actuator/health/**").at(healthGroupPath),
                Entry.open("GET", "/actuator/info"),
                Entry.viewer("GET", "/actuator/prometheus").listing(),
                Entry.viewer("GET", "/actuator/metrics").listing(),
                Entry.viewer("GET", "/actuator/metrics/{requiredMetricName}").at("/actuator/metrics/jvm.threads.live"),
                Entry.admin("GET", "/actuator"),
                Entry.viewer("GET", "/v3/api-docs").listing(),
                Entry.viewer("GET", "/v3/api-docs.yaml"),
                Entry.viewer("GET", "/v3/api-docs/swagger-config"),
                Entry.viewer("GET", "/swagger-ui.html")));
        table.addAll(List.of(serviceEntries));
        return List.copyOf(table);
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z0-9_]+)(:[^}]*)?}");

    private SecurityMatrix() {
    }

    /** Every endpoint the running application maps (controllers, springdoc, Actuator), but {@link #NOT_AN_API}. */
    public static Set<Endpoint> endpoints(ApplicationContext context) {
        Set<Endpoint> found = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<String> methods = info.getMethodsCondition().getMethods().stream().map(Enum::name)
                        .collect(Collectors.toSet());
                for (String pattern : info.getPatternValues()) {
                    if (NOT_AN_API.contains(pattern)) {
                        continue;
                    }
                    if (methods.isEmpty()) {
                        found.add(new Endpoint("*", pattern));
                    }
                    methods.forEach(m -> found.add(new Endpoint(m, pattern)));
                }
            }
        }
        return found;
    }

    /** Fails unless the table and the application's endpoints are the same set (naming what is missing on each side). */
    public static void assertClassifiesExactly(Set<Endpoint> served, Collection<Entry> table) {
        Set<Endpoint> classified = new TreeSet<>();
        var softly = new SoftAssertions();
        for (Entry e : table) {
            softly.assertThat(classified.add(e.endpoint())).as("%s is in the table twice", e.endpoint()).isTrue();
        }
        Set<Endpoint> unclassified = new TreeSet<>(served);
        unclassified.removeAll(classified);
        Set<Endpoint> stale = new TreeSet<>(classified);
        stale.removeAll(served);
        softly.assertThat(unclassified).as("endpoints the service serves that the security matrix does not classify "
                + "(add each with its least role)").isEmpty();
        softly.assertThat(stale).as("table entries that match no endpoint of the service (served: %s)", served).isEmpty();
        softly.assertAll();
    }

    /** The checks of one entry over real HTTP, all of them reported together. */
    public static void assertEnforced(int port, Entry entry, Map<String, String> samples) {
        String path = materialise(entry, samples);
        var softly = new SoftAssertions();
        Role role = entry.role();
        if (role == Role.NONE) {
            int anonymous = call(port, entry, path, null).statusCode();
            softly.assertThat(anonymous).as("%s without a token", entry).isBetween(200, 299);
            softly.assertAll();
            return;
        }
        var anonymous = call(port, entry, path, null);
        softly.assertThat(anonymous.statusCode()).as("%s without a token", entry).isEqualTo(401);
        softly.assertThat(anonymous.headers().firstValue("Content-Type")).as("%s: the 401 is problem+json", entry)
                .hasValueSatisfying(v -> softly.assertThat(v).startsWith("application/problem+json"));
        softly.assertThat(call(port, entry, path, TestIssuer.expiredToken(role.claim())).statusCode())
                .as("%s with an expired %s token", entry, role.claim()).isEqualTo(401);
        softly.assertThat(call(port, entry, path, TestIssuer.foreignIssuerToken(role.claim())).statusCode())
                .as("%s with a foreign issuer's %s token", entry, role.claim()).isEqualTo(401);
        var below = call(port, entry, path, role.tokenBelow());
        softly.assertThat(below.statusCode()).as("%s with the role below %s (%s)", entry, role.claim(), below.body())
                .isEqualTo(403);
        softly.assertThat(below.headers().firstValue("Content-Type")).as("%s: the 403 is problem+json", entry)
                .hasValueSatisfying(v -> softly.assertThat(v).startsWith("application/problem+json"));
        var allowed = call(port, entry, path, TestIssuer.token(role.claim()));
        int status = allowed.statusCode();
        String seen = entry + " as " + role.claim() + " at " + path + " answered " + status + ": " + head(allowed.body());
        softly.assertThat(status).as(seen).isNotIn(401, 403, 405, 406, 415).isLessThan(500);
        if (entry.mustSucceed()) {
            softly.assertThat(status).as(seen).isBetween(200, 299);
        }
        softly.assertAll();
    }

    /** The entry's path, or its pattern with every variable replaced by its sample; it must match the pattern. */
    static String materialise(Entry entry, Map<String, String> samples) {
        String pattern = entry.endpoint().pattern();
        String path = entry.path();
        if (path == null) {
            Matcher m = VARIABLE.matcher(pattern);
            var out = new StringBuilder();
            while (m.find()) {
                String sample = samples.get(m.group(1));
                if (sample == null) {
                    throw new AssertionError(entry + ": no sample for {" + m.group(1) + "}; add one or give the entry a path");
                }
                m.appendReplacement(out, Matcher.quoteReplacement(sample));
            }
            m.appendTail(out);
            path = out.toString();
            if (path.contains("*") || path.contains("{")) {
                throw new AssertionError(entry + ": a wildcard pattern needs a concrete path (Entry.at)");
            }
        }
        String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        if (!PathPatternParser.defaultInstance.parse(pattern).matches(PathContainer.parsePath(pathOnly))) {
            throw new AssertionError(entry + ": the path " + path + " does not match the pattern it is to test");
        }
        return path;
    }

    private static HttpResponse<String> call(int port, Entry entry, String path, String token) {
        Supplier<HttpRequest.BodyPublisher> body = () -> entry.body() == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(entry.body());
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(entry.endpoint().method(), body.get());
        if (entry.contentType() != null) {
            request.header("Content-Type", entry.contentType());
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String head(String body) {
        String s = Objects.toString(body, "");
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
