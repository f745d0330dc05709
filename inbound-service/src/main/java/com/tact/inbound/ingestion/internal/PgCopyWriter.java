package com.tact.inbound.ingestion.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into a table with COPY FROM STDIN (text format) in fixed-size chunks: the fastest way into
 * Postgres, and the heap holds one chunk, never the file.
 */
final class PgCopyWriter implements AutoCloseable {

    private static final int CHUNK = 1 << 16;

    private final CopyIn copy;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(CHUNK + 1024);
    private final StringBuilder line = new StringBuilder(256);

    PgCopyWriter(Connection connection, String copySql) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
    }

    /** Writes one row: a leading number (the line) and the values; null becomes SQL NULL. */
    void write(long first, String[] values) throws SQLException {
        appendRow(line, first, values);
        buffer.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
        if (buffer.size() >= CHUNK) {
            flush();
        }
    }

    /** Replaces {@code line} with one row in COPY's text format, newline included. */
    static void appendRow(StringBuilder line, long first, String[] values) {
        line.setLength(0);
        line.append(first);
        for (var value : values) {
            line.append('\t');
            appendEscaped(line, value);
        }
        line.append('\n');
    }

    /** @return the rows COPY accepted */
    long finish() throws SQLException {
        flush();
        return copy.endCopy();
    }

    private void flush() throws SQLException {
        if (buffer.size() > 0) {
            copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
            buffer.reset();
        }
    }

    private static void appendEscaped(StringBuilder line, String value) {
        if (value == null) {
            line.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(c);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }
}
