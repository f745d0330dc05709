package com.tact.inbound.copybook;

/** A copybook or layout this decoder cannot use: where (the copybook's line, when known) and why. */
public final class CopybookException extends RuntimeException {

    public CopybookException(String message) {
        super(message);
    }

    static CopybookException at(int line, String message) {
        return new CopybookException(line > 0 ? "line " + line + ": " + message : message);
    }
}
