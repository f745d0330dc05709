package com.tact.ciam.sim;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Plays the script on the IdP endpoints (the OAuth 2 and OIDC endpoints and the sign-in page), ahead of Spring
 * Security so that an outage is an outage whatever the request carries. Each call takes the next step and leaves
 * it on the request, where {@link ScriptedJwtEncoder} finds it. The /sim API and health never fail by script.
 */
public class ScriptedIdpFilter extends OncePerRequestFilter {

    private static final String STEP = ScriptedIdpFilter.class.getName() + ".step";

    private final Script script;

    public ScriptedIdpFilter(Script script) {
        this.script = script;
    }

    /** The step the current request plays ({@link Step#OK} outside a request or off the IdP endpoints). */
    static Step currentStep() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object step = request == null ? null : request.getAttribute(STEP, RequestAttributes.SCOPE_REQUEST);
        return step instanceof Step s ? s : Step.OK;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.startsWith("/oauth2/") || path.startsWith("/.well-known/") || path.startsWith("/connect/")
                || path.equals("/userinfo") || path.equals("/login"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Step step = script.next();
        request.setAttribute(STEP, step);
        switch (step.mode()) {
            case UNAVAILABLE -> unavailable(response, step);
            case SLOW -> {
                if (pause(step.delay())) {
                    chain.doFilter(request, response);
                }
            }
            case OK, BAD_KEY -> chain.doFilter(request, response);
        }
    }

    private static void unavailable(HttpServletResponse response, Step step) throws IOException {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(step.retryAfter()));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write("""
                {"type":"about:blank","title":"Service Unavailable","status":503,\
                "detail":"the CIAM simulator is scripted to be unavailable"}"""
                .getBytes(StandardCharsets.UTF_8));
    }

    /** False when the wait was interrupted (the server is stopping): the request is then not answered. */
    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
