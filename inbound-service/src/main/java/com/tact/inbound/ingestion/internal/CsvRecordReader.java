package com.tact.inbound.ingestion.internal;

import com.tact.inbound.ingestion.InputLimitExceededException;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV stream record by record (RFC 4180: quoted fields, embedded commas, quotes and newlines, CRLF
 * or LF), strict UTF-8 with an optional BOM. Holds one record at a time, so memory does not grow with the
 * file, and no field or record beyond the limits (see {@link BoundedCsvReader}). Each record carries the
 * physical line it starts on; blank lines are skipped.
 */
final class CsvRecordReader implements Closeable {

    record Line(long number, List<String> values) {
    }

    /** The stream is not a CSV file we can read: not UTF-8, binary, or broken quoting. */
    static final class MalformedCsvException extends RuntimeException {
        final long line;

        MalformedCsvException(long line, String reason) {
            super(reason);
            this.line = line;
        }
    }

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false)
            .get();

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private boolean first = true;

    CsvRecordReader(InputStream in) {
        this(in, BoundedCsvReader.Limits.DEFAULT);
    }

    CsvRecordReader(InputStream in, BoundedCsvReader.Limits limits) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            this.parser = CSVParser.builder()
                    .setReader(new BufferedReader(new BoundedCsvReader(new InputStreamReader(in, decoder), limits), 1 << 16))
                    .setFormat(FORMAT)
                    .get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.records = parser.iterator();
    }

    /** @return the next non-blank record, or null at the end of the stream */
    Line next() {
        while (true) {
            long start = parser.getCurrentLineNumber() + 1;
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    return null;
                }
                record = records.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                throw malformed(start, e);
            }
            var values = new ArrayList<String>(record.size());
            for (var value : record) {
                values.add(value);
            }
            if (first) {
                first = false;
                if (!values.isEmpty() && values.getFirst().startsWith("\uFEFF")) {
                    values.set(0, values.getFirst().substring(1));
                }
            }
            if (values.size() == 1 && values.getFirst().isEmpty()) {
                continue;
            }
            for (var value : values) {
                if (value.indexOf('\0') >= 0) {
                    throw new MalformedCsvException(start, "binary content (NUL byte): not a CSV text file");
                }
            }
            return new Line(start, values);
        }
    }

    private static MalformedCsvException malformed(long line, RuntimeException e) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof BoundedCsvReader.TooLongException tooLong) {
                return new MalformedCsvException(tooLong.line, tooLong.getMessage());
            }
            if (cause instanceof InputLimitExceededException limit) {
                return new MalformedCsvException(line, limit.getMessage());
            }
            if (cause instanceof CharacterCodingException) {
                return new MalformedCsvException(line, "not valid UTF-8 text (binary or wrongly encoded file)");
            }
            cause = cause.getCause();
        }
        var reason = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
        return new MalformedCsvException(line, "malformed CSV: " + reason);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
