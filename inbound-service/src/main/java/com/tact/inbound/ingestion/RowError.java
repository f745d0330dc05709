package com.tact.inbound.ingestion;

/**
 * One located problem in a file. {@code line} is the physical line where the record starts (the header is
 * line 1), or for a record feed the record's number (the first record is 1); null for a problem with the object as
 * a whole. {@code columnNo} is 1-based. Record feeds also say where in the bytes: {@code byteOffset} of the field
 * (or of the record) in the file, the copybook {@code field} and its bytes in hex ({@code rawHex}).
 */
public record RowError(Long line, Integer columnNo, String column, String reason, String value,
                       Long byteOffset, String field, String rawHex) {

    public RowError(Long line, Integer columnNo, String column, String reason, String value) {
        this(line, columnNo, column, reason, value, null, null, null);
    }

    public static RowError ofFile(String reason) {
        return new RowError(null, null, null, reason, null);
    }

    public static RowError ofLine(long line, String reason) {
        return new RowError(line, null, null, reason, null);
    }

    /** A problem of a record at a byte offset, optionally of one field with its bytes. */
    public static RowError ofRecord(long record, long byteOffset, String field, String rawHex, String reason) {
        return new RowError(record, null, null, reason, null, byteOffset, field, rawHex);
    }

    @Override
    public String toString() {
        if (byteOffset != null) {
            return "record " + line + " (byte offset " + byteOffset + ")" + (field == null ? "" : ", field " + field)
                    + (rawHex == null ? "" : " [" + rawHex + "]") + ": " + reason;
        }
        var where = line == null ? "file" : "line " + line + (columnNo == null ? "" : ", column " + columnNo + " (" + column + ")");
        return where + ": " + reason;
    }
}
