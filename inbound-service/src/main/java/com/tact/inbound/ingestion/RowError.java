package com.tact.inbound.ingestion;

/**
 * One located problem in a file. {@code line} is the physical line where the record starts (the header is
 * line 1); null for a problem with the object as a whole. {@code columnNo} is 1-based.
 */
public record RowError(Long line, Integer columnNo, String column, String reason, String value) {

    public static RowError ofFile(String reason) {
        return new RowError(null, null, null, reason, null);
    }

    public static RowError ofLine(long line, String reason) {
        return new RowError(line, null, null, reason, null);
    }

    @Override
    public String toString() {
        var where = line == null ? "file" : "line " + line + (columnNo == null ? "" : ", column " + columnNo + " (" + column + ")");
        return where + ": " + reason;
    }
}
