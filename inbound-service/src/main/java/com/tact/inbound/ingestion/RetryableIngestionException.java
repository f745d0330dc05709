package com.tact.inbound.ingestion;

/**
 * Trying again later may succeed (S3 or the database unreachable, the version claimed elsewhere, an attempt
 * that failed). {@link #fileId()} names the ledger row when there is one, so that a caller that will not try
 * again can give it up ({@link IngestionService#giveUp}).
 */
public class RetryableIngestionException extends RuntimeException {

    private final Long fileId;

    public RetryableIngestionException(String message, Throwable cause) {
        this(message, cause, null);
    }

    public RetryableIngestionException(String message) {
        this(message, null, null);
    }

    public RetryableIngestionException(String message, Throwable cause, Long fileId) {
        super(message, cause);
        this.fileId = fileId;
    }

    /** @return the ledger row of the object version, or null when none was claimed */
    public Long fileId() {
        return fileId;
    }
}
