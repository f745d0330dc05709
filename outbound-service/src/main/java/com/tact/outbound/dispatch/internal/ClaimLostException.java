package com.tact.outbound.dispatch.internal;

/** The delivery's claim was taken over by another instance (its lease lapsed): this attempt stops. */
public class ClaimLostException extends RuntimeException {

    public ClaimLostException(String message) {
        super(message, null, false, false);
    }
}
