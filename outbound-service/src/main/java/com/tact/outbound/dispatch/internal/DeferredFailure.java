package com.tact.outbound.dispatch.internal;

import java.time.Duration;

/** The partner asked to come back later than is worth waiting in-process: SQS brings the message back then. */
public class DeferredFailure extends RuntimeException {

    private final Duration after;

    public DeferredFailure(String message, Duration after) {
        super(message, null, false, false);
        this.after = after;
    }

    public Duration after() {
        return after;
    }
}
