package com.tact.inbound.ingestion.internal;

/**
 * CSV injection: a spreadsheet opening a CSV runs a cell that starts with '=', '+', '-' or '@' (or a tab or
 * CR, which some spreadsheets skip before looking) as a formula. Text the suite writes into a CSV gets a
 * leading apostrophe there, as OWASP recommends; the value is otherwise unchanged.
 */
final class SpreadsheetSafe {

    private SpreadsheetSafe() {
    }

    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        return switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
            default -> value;
        };
    }
}
