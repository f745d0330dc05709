package com.tact.inbound.ingestion.internal;

import java.sql.SQLException;
import java.util.Set;

/**
 * Whether a failure is the database refusing what the file holds, which no retry will change: a data
 * exception (class 22: a value out of a column's range, a date Postgres cannot hold), an integrity violation
 * (class 23), a program limit (class 54: a key too long for its index). Connection loss, deadlocks,
 * serialization failures and timeouts are not: those are retried.
 */
final class DatabaseRefusal {

    private static final Set<String> PERMANENT_CLASSES = Set.of("22", "23", "54");

    private DatabaseRefusal() {
    }

    /** @return the database's message when the failure is a refusal of the data, else null */
    static String of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e && e.getSQLState() != null && e.getSQLState().length() == 5
                    && PERMANENT_CLASSES.contains(e.getSQLState().substring(0, 2))) {
                return e.getSQLState() + " " + e.getMessage();
            }
        }
        return null;
    }
}
