package com.tact.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A CSV file for a feed: a header and rows, written with LF line ends (what upstream systems send most). */
public final class Csv {

    private final String header;
    private final List<String> rows = new ArrayList<>();

    private Csv(String header) {
        this.header = header;
    }

    public static Csv withHeader(String... columns) {
        return new Csv(String.join(",", columns));
    }

    public Csv row(Object... values) {
        var cells = new ArrayList<String>(values.length);
        for (Object v : values) {
            cells.add(v == null ? "" : String.valueOf(v));
        }
        rows.add(String.join(",", cells));
        return this;
    }

    /** A line exactly as given (a broken quote, a wrong number of values). */
    public Csv raw(String line) {
        rows.add(line);
        return this;
    }

    @Override
    public String toString() {
        var sb = new StringBuilder(header).append('\n');
        rows.forEach(r -> sb.append(r).append('\n'));
        return sb.toString();
    }

    public byte[] bytes() {
        return toString().getBytes(StandardCharsets.UTF_8);
    }
}
