package com.tact.ciam;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What a browser does for the console: follows the authorization request to the sign-in page, posts the form
 * with the CSRF token and the {@code CIAM_SESSION} cookie, and comes back with a code. One instance per browser.
 */
final class Browser {

    static final String REDIRECT_URI = "http://127.0.0.1:18084/login/oauth2/code/ciam";
    static final String SESSION_COOKIE = "CIAM_SESSION";

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern COOKIE = Pattern.compile(SESSION_COOKIE + "=([^;]+)");

    private final CiamFixture ciam;
    private final String codeVerifier = randomUrlSafe(32);
    private String session;

    Browser(CiamFixture ciam) {
        this.ciam = ciam;
    }

    String codeVerifier() {
        return codeVerifier;
    }

    /** GET /oauth2/authorize as the console sends it, with an S256 challenge of this browser's verifier. */
    HttpResponse<String> authorize(String state) {
        URI uri = UriComponentsBuilder.fromUri(ciam.uri("/oauth2/authorize"))
                .queryParam("response_type", "code")
                .queryParam("client_id", "tact-console")
                .queryParam("scope", "openid profile")
                .queryParam("redirect_uri", REDIRECT_URI)
                .queryParam("state", state)
                .queryParam("code_challenge", challenge(codeVerifier))
                .queryParam("code_challenge_method", "S256")
                .encode().build().toUri();
        return get(uri);
    }

    /** GET the sign-in page, then POST the form: the answer is the redirect the form login decided. */
    HttpResponse<String> signIn(String username, String password) {
        HttpResponse<String> page = get(ciam.uri("/login"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"sign-in\"");
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).as("the sign-in form carries a CSRF token").isTrue();
        return postSignIn(Map.of("username", username, "password", password, "_csrf", csrf.group(1)));
    }

    HttpResponse<String> postSignIn(Map<String, String> form) {
        return send(HttpRequest.newBuilder(ciam.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(CiamFixture.form(form))));
    }

    /** The message the sign-in page shows after a failed sign-in (the redirect is followed). */
    String problemShownAfter(HttpResponse<String> failedSignIn) {
        assertThat(failedSignIn.statusCode()).isEqualTo(302);
        String location = location(failedSignIn);
        assertThat(location).endsWith("/login?error");
        String page = get(URI.create(location)).body();
        Matcher problem = Pattern.compile("<p id=\"problem\" role=\"alert\">([^<]*)</p>").matcher(page);
        return problem.find() ? HtmlUtils.htmlUnescape(problem.group(1)) : "(no message shown)";
    }

    /** The whole flow up to the code the console receives at its redirect URI. */
    String authorizationCode(String username, String password) {
        HttpResponse<String> authorize = authorize("s-1");
        assertThat(authorize.statusCode()).isEqualTo(302);
        assertThat(location(authorize)).endsWith("/login");
        assertThat(session).as("the simulator's session cookie is " + SESSION_COOKIE).isNotNull();

        HttpResponse<String> signedIn = signIn(username, password);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        String resume = location(signedIn);
        assertThat(resume).as("back to the authorization request").contains("/oauth2/authorize");

        HttpResponse<String> redirect = get(URI.create(resume));
        assertThat(redirect.statusCode()).isEqualTo(302);
        String back = location(redirect);
        assertThat(back).startsWith(REDIRECT_URI + "?");
        Map<String, String> query = UriComponentsBuilder.fromUriString(back).build().getQueryParams().toSingleValueMap();
        assertThat(query).containsEntry("state", "s-1").containsKey("code");
        return query.get("code");
    }

    /** The token request the console sends with the code; {@code verifier} null leaves code_verifier out. */
    HttpResponse<String> redeem(String code, String verifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", REDIRECT_URI);
        if (verifier != null) {
            form.put("code_verifier", verifier);
        }
        String basic = Base64.getEncoder().encodeToString(("tact-console:" + CiamFixture.PASSWORD).getBytes(StandardCharsets.UTF_8));
        return ciam.postForm("/oauth2/token", form, "Basic " + basic);
    }

    static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location header"));
    }

    private HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).header("Accept", "text/html").GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (session != null) {
            request.header("Cookie", SESSION_COOKIE + "=" + session);
        }
        HttpResponse<String> response = ciam.send(request);
        // the session id changes at sign-in (session fixation protection): keep the newest
        for (String cookie : response.headers().allValues("Set-Cookie")) {
            Matcher m = COOKIE.matcher(cookie);
            if (m.lookingAt()) {
                session = m.group(1);
            }
        }
        return response;
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomUrlSafe(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
