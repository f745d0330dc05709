package com.tact.inbound.ingestion;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Read side of the ingestion ledger, for operators. {@code unchangedFrom}: the file whose bytes a DONE version repeated, so
 * that it was not landed (docs/inbound.md, "Unchanged re-loads"); null for a landed one.
 */
public interface IngestedFiles {

    record IngestedFile(long id, String bucket, String key, String versionTag, String feed, String trigger, String status,
                        int attempts, Long sizeBytes, Long rowsTotal, Long rowsValid, Long rowsRejected, Long rowsApplied,
                        long errorCount, String reason, String sha256, String traceId, Instant receivedAt,
                        Instant startedAt, Instant finishedAt, Long unchangedFrom) {
    }

    List<IngestedFile> list(String status, String feed, int limit, long offset);

    Optional<IngestedFile> get(long id);

    List<RowError> errors(long fileId, int limit, long offset);
}
