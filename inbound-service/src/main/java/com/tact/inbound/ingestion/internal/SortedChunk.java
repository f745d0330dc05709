package com.tact.inbound.ingestion.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One chunk of COPY text whose rows come out ordered by a key (some of the row's values, compared as UTF-8
 * bytes, then by arrival). Landing a chunk in the order of the candidate table's primary key touches each
 * index page once, not once per row: Postgres inserts and probes the sorted chunk about a third faster
 * (docs/benchmarks.md). The order only serves locality; nothing depends on it for correctness.
 *
 * <p>Holds the rows' text, the keys' bytes and three ints a row: about twice the chunk's size at most.
 */
final class SortedChunk {

    private final int[] keyColumns;
    private final StringBuilder line = new StringBuilder(256);
    private final Bytes text;
    private final Bytes keys = new Bytes(1 << 16);
    /** Per row: where its text starts and where its key starts; each ends where the next row's starts. */
    private int[] rowStart = new int[1024];
    private int[] keyStart = new int[1024];
    private int rows;

    /** @param keyColumns indexes into a row's values, in key order */
    SortedChunk(int[] keyColumns, int capacity) {
        this.keyColumns = keyColumns.clone();
        this.text = new Bytes(capacity);
    }

    /** Appends one row (the line, then the values). */
    void add(long lineNumber, String[] values) {
        PgCopyWriter.appendRow(line, lineNumber, values);
        if (rows == rowStart.length) {
            rowStart = Arrays.copyOf(rowStart, rows * 2);
            keyStart = Arrays.copyOf(keyStart, rows * 2);
        }
        rowStart[rows] = text.size;
        keyStart[rows] = keys.size;
        rows++;
        text.add(line.toString().getBytes(StandardCharsets.UTF_8));
        for (int column : keyColumns) {
            if (values[column] != null) {
                keys.add(values[column].getBytes(StandardCharsets.UTF_8));
            }
            // 0 ends each part, so that ("A", "BC") sorts before ("AB", "C") as columns do
            keys.add((byte) 0);
        }
    }

    int bytes() {
        return text.size;
    }

    int rows() {
        return rows;
    }

    /** The rows' COPY text in key order (equal keys keep their file order). */
    byte[] sorted() {
        var order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        mergeSort(order, new int[rows], 0, rows);
        var out = new byte[text.size];
        int at = 0;
        for (int i = 0; i < rows; i++) {
            int r = order[i];
            int length = end(rowStart, r, text.size) - rowStart[r];
            System.arraycopy(text.bytes, rowStart[r], out, at, length);
            at += length;
        }
        return out;
    }

    private int compare(int a, int b) {
        int c = Arrays.compareUnsigned(keys.bytes, keyStart[a], end(keyStart, a, keys.size),
                keys.bytes, keyStart[b], end(keyStart, b, keys.size));
        return c != 0 ? c : Integer.compare(a, b);
    }

    private int end(int[] starts, int row, int size) {
        return row + 1 < rows ? starts[row + 1] : size;
    }

    /** Stable, on ints: no boxing of a chunk's row numbers. */
    private void mergeSort(int[] a, int[] tmp, int from, int to) {
        if (to - from < 24) {
            for (int i = from + 1; i < to; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= from && compare(a[j], v) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid);
        mergeSort(a, tmp, mid, to);
        if (compare(a[mid - 1], a[mid]) <= 0) {
            return;
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            a[k] = j >= to || (i < mid && compare(tmp[i], tmp[j]) <= 0) ? tmp[i++] : tmp[j++];
        }
    }

    private static final class Bytes {
        byte[] bytes;
        int size;

        Bytes(int capacity) {
            bytes = new byte[capacity];
        }

        void add(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, bytes, size, b.length);
            size += b.length;
        }

        void add(byte b) {
            ensure(1);
            bytes[size++] = b;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
            }
        }
    }
}
