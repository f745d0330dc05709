package com.tact.inbound.ingestion;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Read side of the ingestion ledger, for operators. */
public interface IngestedFiles {

    record IngestedFile(long id, String bucket, String key, String versionTag, String feed, String trigger, String status,
                        int attempts, Long sizeBytes, Long rowsTotal, Long rowsValid, Long rowsRejected, Long rowsApplied,
                        long errorCount, String reason, String sha256, String traceId, Instant receivedAt,
                        Instant startedAt, Instant finishedAt) {
    }

    List<IngestedFile> list(String status, String feed, int limit, long offset);

    Optional<IngestedFile> get(long id);

    List<RowError> errors(long fileId, int limit, long offset);
}
