package com.tact.inbound.ingestion;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;

/** Work on files that does not ingest them: dry-run validation, merging, summaries. */
public interface FeedOperations {

    /** Validates a whole file against a feed, reporting every error; nothing is stored. */
    ValidationReport validate(String feed, InputStream file, Consumer<RowError> errors);

    /** How a merge writes its object: CSV, or a record feed's own layout (the default for a record feed). */
    enum OutputFormat { CSV, RECORDS }

    /** Merges objects of one feed into one deduplicated object (source weights decide), written to S3. */
    default MergeResult merge(String feed, List<String> keys, String targetName) {
        return merge(feed, keys, targetName, null);
    }

    /** The same, in the format asked for (null: the feed's own). */
    MergeResult merge(String feed, List<String> keys, String targetName, OutputFormat format);

    /** Rows, distinct business keys and per-column totals of one object. */
    FileSummary summarize(String feed, String key);

    record ValidationReport(String feed, long rows, long validRows, long badRows, long errorCount, boolean fatal,
                            boolean wouldReject, String reason) {
    }

    record MergeResult(String feed, String bucket, String key, List<String> sources, long inputRows, long validRows,
                       long badRows, long outputRows) {
    }

    record ColumnSummary(String name, String type, long nonNull, Long distinct, BigDecimal sum, String min, String max) {
    }

    record FileSummary(String feed, String bucket, String key, long rows, long validRows, long badRows,
                       long distinctKeys, List<ColumnSummary> columns) {
    }

    /** A file that cannot be read as the feed at all (empty, wrong header, not CSV). */
    final class UnreadableFileException extends RuntimeException {
        private final transient List<RowError> errors;

        public UnreadableFileException(String message, List<RowError> errors) {
            super(message);
            this.errors = List.copyOf(errors);
        }

        public List<RowError> errors() {
            return errors;
        }
    }

    final class UnknownFeedException extends RuntimeException {
        public UnknownFeedException(String feed) {
            super("no feed named '" + feed + "'");
        }
    }
}
