package com.tact.inbound.ingestion.internal;

import com.tact.inbound.ingestion.FeedDefinition;
import com.tact.inbound.ingestion.RowError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Streams one file through the reader and the validator: good rows go to the sink, every problem to the
 * error consumer. Nothing of the file is kept, so it runs in constant memory whatever the file's size. A record feed
 * (fixed-width mainframe records) is decoded by {@link RecordFeedParser} and then validated the same way.
 */
final class FeedParser {

    /** Receives each valid row: its line and its normalised values in feed column order. */
    interface RowSink {
        void accept(long line, String[] values);
    }

    /**
     * @param rows      data records read (valid or not)
     * @param validRows records that passed every rule
     * @param badRows   records with at least one error
     * @param fatal     the file as a whole is unusable (empty, bad header, not CSV): nothing of it may be applied
     */
    record Outcome(long rows, long validRows, long badRows, boolean fatal, String fatalReason) {

        /** Whether nothing of the file may be applied: unusable, or over the feed's reject threshold. */
        boolean rejects(FeedDefinition feed) {
            return fatal || feed.rejectThreshold().exceeded(badRows, rows);
        }

        /** Why the file is rejected; null when it is not. */
        String rejectReason(FeedDefinition feed) {
            if (fatal) {
                return fatalReason;
            }
            return rejects(feed) ? badRows + " of " + rows + " rows are invalid, over the reject threshold of feed " + feed.name() : null;
        }
    }

    private FeedParser() {
    }

    static Outcome parse(InputStream in, FeedDefinition feed, Set<String> knownSources, RowSink sink,
                         Consumer<RowError> errors) {
        return parse(in, BoundedCsvReader.Limits.DEFAULT, feed, knownSources, sink, errors);
    }

    static Outcome parse(InputStream in, BoundedCsvReader.Limits limits, FeedDefinition feed, Set<String> knownSources,
                         RowSink sink, Consumer<RowError> errors) {
        if (feed.recordFeed()) {
            return RecordFeedParser.parse(in, RecordFeed.of(feed), knownSources, sink, errors);
        }
        long rows = 0;
        long valid = 0;
        try (var reader = new CsvRecordReader(in, limits)) {
            var header = reader.next();
            if (header == null) {
                errors.accept(RowError.ofLine(1, "empty file: no header line"));
                return new Outcome(0, 0, 0, true, "empty file");
            }
            var validator = RowValidator.forHeader(feed, knownSources, header, errors);
            if (validator == null) {
                return new Outcome(0, 0, 0, true, "the header does not match feed " + feed.name());
            }
            CsvRecordReader.Line line;
            while ((line = reader.next()) != null) {
                rows++;
                var values = validator.validate(line, errors);
                if (values != null) {
                    valid++;
                    sink.accept(line.number(), values);
                }
            }
            return new Outcome(rows, valid, rows - valid, false, null);
        } catch (CsvRecordReader.MalformedCsvException e) {
            errors.accept(RowError.ofLine(e.line, e.getMessage()));
            return new Outcome(rows, valid, rows - valid, true, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
