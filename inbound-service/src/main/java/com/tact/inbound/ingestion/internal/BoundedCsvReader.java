package com.tact.inbound.ingestion.internal;

import com.tact.inbound.config.InboundProperties;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Stops a CSV stream as soon as one field or one record grows past its limit, before the parser buffers it:
 * an unterminated quote would otherwise make the parser read the rest of a 4 GB object into one field. It
 * follows RFC 4180 quoting (a quote opens a quoted field only at the field's start; {@code ""} inside it is
 * an escaped quote) so that newlines inside quotes count towards the record, not as its end.
 */
final class BoundedCsvReader extends FilterReader {

    /** The limits of one file; lengths in characters. */
    record Limits(int maxFieldLength, int maxRecordLength) {
        static final Limits DEFAULT = new Limits(64 * 1024, 1024 * 1024);

        /** The limits the service is configured with ({@code tact.inbound.limits}). */
        static Limits of(InboundProperties properties) {
            return new Limits(properties.limits().maxFieldLength(), properties.limits().maxRecordLength());
        }
    }

    /** A field or record over its limit: where it starts and why. */
    static final class TooLongException extends IOException {
        final long line;

        TooLongException(long line, String reason) {
            super(reason);
            this.line = line;
        }
    }

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private final Limits limits;
    private State state = State.FIELD_START;
    private long line = 1;
    private long recordLine = 1;
    private int field = 1;
    private long fieldLength;
    private long recordLength;
    /** the previous character was a CR: a LF now completes the same line end */
    private boolean afterCr;

    BoundedCsvReader(Reader in, Limits limits) {
        super(in);
        this.limits = limits;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            see((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = 0; i < n; i++) {
            see(buffer[offset + i]);
        }
        return n;
    }

    private void see(char c) throws TooLongException {
        boolean crLf = afterCr && c == '\n';
        afterCr = c == '\r';
        if (crLf) {
            return;
        }
        switch (state) {
            case FIELD_START -> {
                if (c == '"') {
                    state = State.QUOTED;
                } else if (!separator(c)) {
                    state = State.UNQUOTED;
                }
            }
            case UNQUOTED -> separator(c);
            case QUOTED -> {
                if (c == '"') {
                    state = State.QUOTE_IN_QUOTED;
                } else if (c == '\n' || c == '\r') {
                    line++;
                }
            }
            case QUOTE_IN_QUOTED -> {
                if (c == '"') {
                    state = State.QUOTED;
                } else if (!separator(c)) {
                    state = State.UNQUOTED;
                }
            }
        }
        if (++fieldLength > limits.maxFieldLength()) {
            throw new TooLongException(recordLine, "field " + field + " of the record starting on line " + recordLine
                    + " is longer than " + limits.maxFieldLength() + " characters (an unterminated quote?)");
        }
        if (++recordLength > limits.maxRecordLength()) {
            throw new TooLongException(recordLine, "the record starting on line " + recordLine + " is longer than "
                    + limits.maxRecordLength() + " characters (an unterminated quote?)");
        }
    }

    /** Handles a delimiter or a line end (LF, CR or CRLF) outside quotes; false for any other character. */
    private boolean separator(char c) {
        if (c == ',') {
            state = State.FIELD_START;
            field++;
            fieldLength = -1;
            return true;
        }
        if (c == '\n' || c == '\r') {
            state = State.FIELD_START;
            line++;
            recordLine = line;
            field = 1;
            fieldLength = -1;
            recordLength = -1;
            return true;
        }
        return false;
    }
}
