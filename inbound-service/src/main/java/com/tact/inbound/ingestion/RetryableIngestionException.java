package com.tact.inbound.ingestion;

/**
 * A failure worth retrying later (S3 or the database unavailable, a deadlock, the version claimed by another
 * instance). The message is left on the queue; it ends in the DLQ once its receive count is exhausted.
 */
public class RetryableIngestionException extends RuntimeException {

    public RetryableIngestionException(String message, Throwable cause) {
        super(message, cause);
    }

    public RetryableIngestionException(String message) {
        super(message);
    }
}
