package com.tact.outbound.dispatch;

/** The queue message being handled: the dispatcher keeps it invisible while a delivery is in progress. */
@FunctionalInterface
public interface MessageLease {

    MessageLease NONE = () -> { };

    /** Extends the message's visibility (called on every heartbeat). */
    void extend();
}
