package com.tact.outbound.dispatch.internal;

/** The partner refused the event for good (a 4xx other than 401, 408, 429) or the call may not be made at all. */
public class PermanentFailure extends RuntimeException {

    public PermanentFailure(String message) {
        super(message, null, false, false);
    }
}
