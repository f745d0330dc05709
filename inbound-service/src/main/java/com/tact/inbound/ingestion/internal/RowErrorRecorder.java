package com.tact.inbound.ingestion.internal;

import com.tact.inbound.ingestion.RowError;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Stores a file's row errors in batches, outside the apply transaction (so that a rejected file keeps its
 * report), up to a cap per file; errors past the cap are counted, not stored. Every batch is fenced by the
 * claim: an attempt that lost its claim cannot add errors to the report of the attempt that took over.
 */
final class RowErrorRecorder implements Consumer<RowError> {

    private static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final long fileId;
    private final UUID claimToken;
    private final int cap;
    private final List<RowError> pending = new ArrayList<>(BATCH);
    private long count;

    RowErrorRecorder(JdbcTemplate jdbc, long fileId, UUID claimToken, int cap) {
        this.jdbc = jdbc;
        this.fileId = fileId;
        this.claimToken = claimToken;
        this.cap = cap;
    }

    @Override
    public void accept(RowError error) {
        count++;
        if (count <= cap) {
            pending.add(error);
            if (pending.size() >= BATCH) {
                flush();
            }
        }
    }

    long count() {
        return count;
    }

    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        long firstSeq = Math.min(count, cap) - pending.size() + 1;
        var batch = new ArrayList<Object[]>(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            var e = pending.get(i);
            batch.add(new Object[] {fileId, firstSeq + i, e.line(), e.columnNo(), e.column(), e.reason(), e.value(), e.byteOffset(), e.field(),
                    e.rawHex(), fileId, claimToken});
        }
        jdbc.batchUpdate("""
                insert into row_error (file_id, seq, line_no, column_no, column_name, reason, raw_value, byte_offset, field_name, raw_hex)
                select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                where exists (select 1 from ingestion_file where id = ? and claim_token = ? and status = 'PROCESSING')
                """, batch);
        pending.clear();
    }
}
