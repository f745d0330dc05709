package com.tact.inbound.copybook;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Cuts a byte stream into records, one at a time into one reused buffer, so that memory does not grow with the
 * file: fixed-length records, or variable ones each behind a record descriptor word (RDW: a 2-byte big-endian
 * length that counts the RDW's own 4 bytes, then 2 zero bytes). A stream that ends inside a record, or an RDW
 * that cannot be one, is a {@link FramingException}: the records after it cannot be found.
 */
public final class RecordInput implements Closeable {

    public enum Framing { FIXED, RDW }

    /** The largest record an RDW can describe. */
    public static final int MAX_RDW_RECORD = 32_756;

    /** The framing is broken at this record: where, and why. */
    public static final class FramingException extends RuntimeException {
        private final long record;
        private final long offset;

        FramingException(long record, long offset, String message) {
            super(message);
            this.record = record;
            this.offset = offset;
        }

        public long record() {
            return record;
        }

        public long offset() {
            return offset;
        }
    }

    private final InputStream in;
    private final Framing framing;
    private final int maxLength;
    private final byte[] buffer;
    private final byte[] rdw = new byte[4];
    private long number;
    private long offset;
    private long next;
    private int length;

    /**
     * @param maxLength the record length (fixed) or the longest record allowed (RDW, without the RDW itself)
     */
    public RecordInput(InputStream in, Framing framing, int maxLength) {
        if (maxLength < 1 || (framing == Framing.RDW && maxLength > MAX_RDW_RECORD)) {
            throw new IllegalArgumentException("record length " + maxLength + " out of range");
        }
        this.in = new BufferedInputStream(in, 1 << 16);
        this.framing = framing;
        this.maxLength = maxLength;
        this.buffer = new byte[maxLength];
    }

    /** Reads the next record; false at the end of the stream. */
    public boolean next() throws IOException {
        if (framing == Framing.FIXED) {
            int n = in.readNBytes(buffer, 0, maxLength);
            if (n == 0) {
                return false;
            }
            offset = next;
            number++;
            if (n < maxLength) {
                throw new FramingException(number, offset, "truncated record: the file ends " + n + " bytes into record " + number
                        + " (at byte offset " + offset + "), which should have " + maxLength + " bytes");
            }
            length = maxLength;
            next = offset + maxLength;
            return true;
        }
        int n = in.readNBytes(rdw, 0, 4);
        if (n == 0) {
            return false;
        }
        offset = next;
        number++;
        if (n < 4) {
            throw new FramingException(number, offset, "truncated record: the file ends inside the RDW of record " + number
                    + " (at byte offset " + offset + ")");
        }
        int total = ((rdw[0] & 0xFF) << 8) | (rdw[1] & 0xFF);
        if (rdw[2] != 0 || rdw[3] != 0) {
            throw new FramingException(number, offset, "invalid RDW " + java.util.HexFormat.of().withUpperCase().formatHex(rdw)
                    + " of record " + number + " (at byte offset " + offset + "): bytes 3-4 must be zero (spanned records are not supported)");
        }
        if (total < 5 || total - 4 > maxLength) {
            throw new FramingException(number, offset, "wrong record length: the RDW of record " + number + " (at byte offset " + offset
                    + ") says " + total + " bytes; a record here has 5 to " + (maxLength + 4) + " with its RDW");
        }
        length = total - 4;
        int read = in.readNBytes(buffer, 0, length);
        if (read < length) {
            throw new FramingException(number, offset, "truncated record: the file ends " + read + " bytes into record " + number
                    + " (at byte offset " + offset + "), whose RDW says " + length + " bytes of data");
        }
        next = offset + total;
        return true;
    }

    /** Skips records without decoding them; false when the stream ended first. */
    public boolean skip(long records) throws IOException {
        if (framing == Framing.FIXED) {
            long bytes = records * maxLength;
            long skipped = 0;
            while (skipped < bytes) {
                long s = in.skip(bytes - skipped);
                if (s <= 0) {
                    if (in.read() < 0) {
                        break;
                    }
                    s = 1;
                }
                skipped += s;
            }
            long whole = skipped / maxLength;
            number += whole;
            next += whole * maxLength;
            return whole == records;
        }
        for (long r = 0; r < records; r++) {
            if (!next()) {
                return false;
            }
        }
        return true;
    }

    /** The current record's bytes (valid up to {@link #length()}); the buffer is reused by the next record. */
    public byte[] buffer() {
        return buffer;
    }

    public int length() {
        return length;
    }

    /** 1-based number of the current record. */
    public long number() {
        return number;
    }

    /** Byte offset of the current record in the stream (of its RDW, when there is one). */
    public long offset() {
        return offset;
    }

    /** Byte offset of the current record's data: after the RDW, when there is one. */
    public long dataOffset() {
        return framing == Framing.RDW ? offset + 4 : offset;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
