package com.tact.outbound.dispatch.internal;

import java.time.Duration;

/** A failed call worth trying again: 5xx, 408, 429, time-out, connection error. */
public class RetryableFailure extends RuntimeException {

    private final Duration retryAfter;
    private final boolean countsAgainstBreaker;

    public RetryableFailure(String message, Duration retryAfter, boolean countsAgainstBreaker) {
        super(message, null, false, false);
        this.retryAfter = retryAfter;
        this.countsAgainstBreaker = countsAgainstBreaker;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public boolean countsAgainstBreaker() {
        return countsAgainstBreaker;
    }
}
