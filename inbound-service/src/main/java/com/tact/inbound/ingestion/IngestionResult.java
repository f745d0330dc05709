package com.tact.inbound.ingestion;

/** The outcome of one ingestion request; {@code duplicate} means the version was already handled. */
public record IngestionResult(long fileId, String status, boolean duplicate, long rowsTotal, long rowsValid,
                              long rowsRejected, long rowsApplied, String reason) {
}
