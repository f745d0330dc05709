package com.tact.console.errors;

import java.util.Map;

/**
 * A request the console refuses or cannot serve, with what went wrong in the caller's terms. The web layer turns
 * it into a problem+json answer: {@link Kind} decides the status, {@code reason} is a stable code a client can
 * branch on, {@code parameter} locates the input at fault, {@code properties} carries extra fields.
 */
public class ConsoleException extends RuntimeException {

    public enum Kind {
        /** the caller's input is wrong (400) */
        INVALID,
        /** outside what the console may touch (403) */
        FORBIDDEN,
        /** the named thing does not exist (404) */
        NOT_FOUND,
        /** the state does not allow it now (409) */
        CONFLICT,
        /** too large (413) */
        TOO_LARGE,
        /** a confirmation is needed first (428) */
        CONFIRMATION_REQUIRED,
        /** AWS is throttling (503, retry later) */
        THROTTLED,
        /** AWS refused the console's own credentials or configuration (502) */
        UPSTREAM_REFUSED,
        /** AWS unreachable or failing (503) */
        UPSTREAM_UNAVAILABLE
    }

    private final Kind kind;
    private final String reason;
    private final String parameter;
    private final Map<String, Object> properties;

    public ConsoleException(Kind kind, String reason, String parameter, String detail, Map<String, Object> properties,
                            Throwable cause) {
        super(detail, cause);
        this.kind = kind;
        this.reason = reason;
        this.parameter = parameter;
        this.properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    public static ConsoleException invalid(String parameter, String reason, String detail) {
        return new ConsoleException(Kind.INVALID, reason, parameter, detail, null, null);
    }

    public static ConsoleException notFound(String reason, String detail) {
        return new ConsoleException(Kind.NOT_FOUND, reason, null, detail, null, null);
    }

    public Kind kind() {
        return kind;
    }

    public String reason() {
        return reason;
    }

    public String parameter() {
        return parameter;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
