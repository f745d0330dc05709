package com.tact.inbound.ingestion;

import java.io.IOException;

/** A stream was longer than its limit allows; reading stopped there. Its message says which limit. */
public class InputLimitExceededException extends IOException {

    public InputLimitExceededException(String message) {
        super(message);
    }
}
