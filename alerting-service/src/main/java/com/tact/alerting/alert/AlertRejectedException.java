package com.tact.alerting.alert;

/** An alert request the service refuses as a whole; the REST layer turns the reason into the 4xx status. */
public class AlertRejectedException extends RuntimeException {

    public enum Reason { UNKNOWN_TOPIC, TOO_LARGE, INVALID, NOT_FOUND, CONFLICT }

    private final Reason reason;

    public AlertRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
