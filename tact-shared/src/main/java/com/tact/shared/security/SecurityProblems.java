package com.tact.shared.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * The security answers as problem+json, like every other error of the APIs: 401 with the Bearer challenge
 * (RFC 6750) for a missing, expired, foreign or badly signed token; 403 for a role that does not suffice; 503 with
 * Retry-After when the identity provider cannot be asked for its keys (down, slow, failing): the token may well be
 * good, so neither a 401 (a client would drop it) nor a 500.
 */
public final class SecurityProblems {

    private static final Logger log = LoggerFactory.getLogger(SecurityProblems.class);

    private SecurityProblems() {
    }

    public static AuthenticationEntryPoint unauthorized() {
        var bearer = new BearerTokenAuthenticationEntryPoint();
        bearer.setRealmName("tact");
        return (request, response, exception) -> {
            bearer.commence(request, response, exception);
            String detail = exception == null || exception.getMessage() == null
                    || request.getHeader("Authorization") == null
                    ? "a bearer access token is required" : exception.getMessage();
            write(response, HttpStatus.UNAUTHORIZED, detail);
        };
    }

    public static AccessDeniedHandler forbidden() {
        return (request, response, exception) -> {
            String bearer = "Bearer realm=\"tact\", error=\"insufficient_scope\", "
                    + "error_description=\"the token's roles do not allow this request\"";
            response.setHeader("WWW-Authenticate", bearer);
            write(response, HttpStatus.FORBIDDEN, "your role does not allow " + request.getMethod() + " "
                    + request.getRequestURI() + deniedReason(exception));
        };
    }

    /** Bad tokens are 401; an identity provider that cannot be asked is 503. */
    public static AuthenticationFailureHandler failure(AuthenticationEntryPoint unauthorized) {
        return (request, response, exception) -> {
            if (exception instanceof AuthenticationServiceException) {
                log.warn("cannot verify a bearer token: the identity provider's keys are unavailable ({})",
                        exception.getMessage());
                response.setHeader("Retry-After", "5");
                write(response, HttpStatus.SERVICE_UNAVAILABLE,
                        "the identity provider cannot be reached to verify the token; retry shortly");
                return;
            }
            unauthorized.commence(request, response, exception);
        };
    }

    private static String deniedReason(AccessDeniedException exception) {
        return exception instanceof AuthorizationDeniedWithRole denied ? " (needs " + denied.role() + ")" : "";
    }

    public static void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status.value());
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase()
                + "\",\"status\":" + status.value() + ",\"detail\":\"" + json(detail) + "\"}");
    }

    private static String json(String text) {
        var out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** An access denial that names the role it needed (method checks of the services throw it). */
    public static final class AuthorizationDeniedWithRole extends AccessDeniedException {

        private final String role;

        public AuthorizationDeniedWithRole(String message, TactRoles role) {
            super(message);
            this.role = role.name().toLowerCase(java.util.Locale.ROOT);
        }

        public String role() {
            return role;
        }
    }
}
