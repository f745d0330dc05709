package com.tact.inbound.ingestion.internal;

import com.tact.inbound.ingestion.IngestedFiles;
import com.tact.inbound.ingestion.RowError;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The ledger's read side: read-only transactions, so that they go to the Aurora reader when one is configured. */
@Component
@Transactional(readOnly = true)
class JdbcIngestedFiles implements IngestedFiles {

    private static final String COLUMNS = """
            id, bucket, object_key, version_tag, feed, trigger, status, attempts, size_bytes, rows_total, rows_valid,
            rows_rejected, rows_applied, error_count, reason, sha256, trace_id, received_at, started_at, finished_at,
            unchanged_from
            """;

    private final JdbcClient jdbc;

    JdbcIngestedFiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<IngestedFile> list(String status, String feed, int limit, long offset) {
        return jdbc.sql("select " + COLUMNS + " from ingestion_file where (:status::text is null or status = :status)"
                        + " and (:feed::text is null or feed = :feed) order by id desc limit :limit offset :offset")
                .param("status", status).param("feed", feed).param("limit", limit).param("offset", offset)
                .query(JdbcIngestedFiles::file).list();
    }

    @Override
    public Optional<IngestedFile> get(long id) {
        return jdbc.sql("select " + COLUMNS + " from ingestion_file where id = ?").param(id).query(JdbcIngestedFiles::file).optional();
    }

    @Override
    public List<RowError> errors(long fileId, int limit, long offset) {
        return jdbc.sql("select line_no, column_no, column_name, reason, raw_value, byte_offset, field_name, raw_hex from row_error where file_id = ? order by seq limit ? offset ?")
                .params(fileId, limit, offset)
                .query((rs, n) -> new RowError((Long) rs.getObject("line_no"), (Integer) rs.getObject("column_no"),
                        rs.getString("column_name"), rs.getString("reason"), rs.getString("raw_value"),
                        (Long) rs.getObject("byte_offset"), rs.getString("field_name"), rs.getString("raw_hex")))
                .list();
    }

    private static IngestedFile file(ResultSet rs, int n) throws SQLException {
        return new IngestedFile(rs.getLong("id"), rs.getString("bucket"), rs.getString("object_key"), rs.getString("version_tag"),
                rs.getString("feed"), rs.getString("trigger"), rs.getString("status"), rs.getInt("attempts"),
                (Long) rs.getObject("size_bytes"), (Long) rs.getObject("rows_total"), (Long) rs.getObject("rows_valid"),
                (Long) rs.getObject("rows_rejected"), (Long) rs.getObject("rows_applied"), rs.getLong("error_count"),
                rs.getString("reason"), rs.getString("sha256"), rs.getString("trace_id"), instant(rs.getTimestamp("received_at")),
                instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at")), (Long) rs.getObject("unchanged_from"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
