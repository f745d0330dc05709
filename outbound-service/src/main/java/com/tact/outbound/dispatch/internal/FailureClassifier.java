package com.tact.outbound.dispatch.internal;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.BadSqlGrammarException;
import tools.jackson.core.JacksonException;

/**
 * Policy for what the partner call did not foresee (a token endpoint answering HTML, a Secrets Manager error, a
 * database time-out, a bug): retryable, and counted by the circuit breaker like a 5xx, unless retrying cannot
 * help (a programming or data error), which is permanent. Either way the delivery ends in the ledger with the
 * reason, never IN_FLIGHT for good.
 */
public final class FailureClassifier {

    private FailureClassifier() {
    }

    public static RuntimeException classify(RuntimeException e) {
        if (e instanceof RetryableFailure || e instanceof PermanentFailure || e instanceof DeferredFailure) {
            return e;
        }
        String reason = "unexpected " + describe(e);
        if (isPermanent(e)) {
            return new PermanentFailure(reason);
        }
        return new RetryableFailure(reason, null, true);
    }

    private static boolean isPermanent(RuntimeException e) {
        return e instanceof IllegalArgumentException || e instanceof NullPointerException || e instanceof ClassCastException
                || e instanceof UnsupportedOperationException || e instanceof IndexOutOfBoundsException
                || e instanceof JacksonException
                || e instanceof DataIntegrityViolationException || e instanceof BadSqlGrammarException
                || e instanceof InvalidDataAccessApiUsageException;
    }

    /** Class and message, one line; enough to act on, without a stack trace in the ledger. */
    static String describe(Throwable e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().replaceAll("[\\r\\n]+", " ");
        return e.getClass().getSimpleName() + (message.length() > 300 ? message.substring(0, 300) + "..." : message);
    }
}
