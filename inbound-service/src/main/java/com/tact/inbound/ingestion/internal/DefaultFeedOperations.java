package com.tact.inbound.ingestion.internal;

import com.tact.inbound.config.InboundProperties;
import com.tact.inbound.ingestion.FeedCatalog;
import com.tact.inbound.ingestion.FeedDefinition;
import com.tact.inbound.ingestion.FeedOperations;
import com.tact.inbound.ingestion.ObjectMetadata;
import com.tact.inbound.ingestion.ObjectRef;
import com.tact.inbound.ingestion.ObjectSource;
import com.tact.inbound.ingestion.RowError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Service;

/**
 * Dry-run validation, merge and summary. Merge and summary stage the rows in a session-private table and let
 * Postgres do the grouping, so neither holds a file, or the set of its keys, on the heap.
 */
@Service
class DefaultFeedOperations implements FeedOperations {

    private static final int MAX_UNREADABLE_ERRORS = 100;

    private final FeedCatalog catalog;
    private final ObjectSource objects;
    private final DataSource dataSource;
    private final InboundProperties properties;

    DefaultFeedOperations(FeedCatalog catalog, ObjectSource objects, DataSource dataSource, InboundProperties properties) {
        this.catalog = catalog;
        this.objects = objects;
        this.dataSource = dataSource;
        this.properties = properties;
    }

    @Override
    public ValidationReport validate(String feedName, InputStream file, Consumer<RowError> errors) {
        var feed = feed(feedName);
        long[] errorCount = {0};
        var outcome = FeedParser.parse(file, BoundedCsvReader.Limits.of(properties), feed, catalog.sourceWeights(feed.name()).keySet(), (line, values) -> { },
                e -> {
                    errorCount[0]++;
                    errors.accept(e);
                });
        return new ValidationReport(feed.name(), outcome.rows(), outcome.validRows(), outcome.badRows(), errorCount[0],
                outcome.fatal(), outcome.rejects(feed), outcome.rejectReason(feed));
    }

    @Override
    public MergeResult merge(String feedName, List<String> keys, String targetName, OutputFormat format) {
        var feed = feed(feedName);
        if (format == OutputFormat.RECORDS && !feed.recordFeed()) {
            throw new IllegalArgumentException("feed " + feed.name() + " is a CSV feed: it has no record layout to write");
        }
        boolean records = feed.recordFeed() && format != OutputFormat.CSV;
        if (keys == null || keys.size() < 2) {
            throw new IllegalArgumentException("a merge needs at least two object keys");
        }
        var limits = properties.limits();
        if (keys.size() > limits.maxMergeKeys()) {
            throw new IllegalArgumentException("a merge may name at most " + limits.maxMergeKeys() + " objects; " + keys.size() + " given");
        }
        var sized = sizes(keys);
        var target = properties.mergedPrefix() + feed.name() + "/" + targetName;
        return inStage(feed, connection -> {
            var totals = stage(connection, feed, sized);
            long written = 0;
            if (records) {
                return new MergeResult(feed.name(), properties.bucket(), target, keys, totals[0], totals[1], totals[2],
                        writeRecords(connection, feed, target));
            }
            var formulaSafe = formulaSafeColumns(feed);
            try (var object = objects.create(properties.bucket(), target, "text/csv")) {
                var out = new CSVPrinter(new OutputStreamWriter(object.stream(), StandardCharsets.UTF_8),
                        CSVFormat.RFC4180.builder().setHeader(feed.columnNames().toArray(String[]::new)).get());
                try (var st = connection.prepareStatement(new FeedSql(feed).mergedRows())) {
                    st.setFetchSize(1000);
                    st.setString(1, feed.name());
                    try (var rs = st.executeQuery()) {
                        int n = feed.columns().size();
                        var row = new Object[n];
                        while (rs.next()) {
                            for (int i = 0; i < n; i++) {
                                var value = rs.getString(i + 1);
                                row[i] = formulaSafe[i] ? SpreadsheetSafe.text(value) : value;
                            }
                            out.printRecord(row);
                            written++;
                        }
                    }
                }
                out.flush();
                // only now does the object exist; any failure above aborts the upload (close), leaving nothing
                object.complete();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new MergeResult(feed.name(), properties.bucket(), target, keys, totals[0], totals[1], totals[2], written);
        });
    }

    /** The merged rows in the feed's own record layout; returns the detail records written. */
    private long writeRecords(Connection connection, FeedDefinition feed, String target) throws SQLException {
        long written = 0;
        try (var object = objects.create(properties.bucket(), target, "application/octet-stream")) {
            var out = new java.io.BufferedOutputStream(object.stream(), 1 << 16);
            var writer = new RecordFileWriter(RecordFeed.of(feed), out);
            writer.header(java.time.LocalDate.now(java.time.ZoneOffset.UTC));
            try (var st = connection.prepareStatement(new FeedSql(feed).mergedRows())) {
                st.setFetchSize(1000);
                st.setString(1, feed.name());
                try (var rs = st.executeQuery()) {
                    int n = feed.columns().size();
                    var row = new String[n];
                    while (rs.next()) {
                        for (int i = 0; i < n; i++) {
                            row[i] = rs.getString(i + 1);
                        }
                        writer.detail(row);
                        written++;
                    }
                }
            }
            writer.trailer();
            out.flush();
            object.complete();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written;
    }

    /** Each object's metadata, refused before anything is read when one or all together are over the limits. */
    private List<ObjectMetadata> sizes(List<String> keys) {
        long maxFile = properties.maxFileSize().toBytes();
        long maxTotal = properties.limits().maxMergeSize().toBytes();
        long total = 0;
        var sized = new ArrayList<ObjectMetadata>(keys.size());
        for (var key : keys) {
            var object = objects.head(ObjectRef.of(properties.bucket(), key));
            if (object.size() > maxFile) {
                throw new IllegalArgumentException("s3://" + properties.bucket() + "/" + key + " has " + object.size()
                        + " bytes, more than the file limit of " + maxFile);
            }
            total += object.size();
            if (total > maxTotal) {
                throw new IllegalArgumentException("the objects to merge have more than " + maxTotal + " bytes together");
            }
            sized.add(object);
        }
        return sized;
    }

    /** Text columns, whose values could be read as formulas by a spreadsheet opening the merged file. */
    private static boolean[] formulaSafeColumns(FeedDefinition feed) {
        var columns = feed.columns();
        var safe = new boolean[columns.size()];
        for (int i = 0; i < safe.length; i++) {
            safe[i] = columns.get(i).type() == FeedDefinition.Type.STRING;
        }
        return safe;
    }

    @Override
    public FileSummary summarize(String feedName, String key) {
        var feed = feed(feedName);
        return inStage(feed, connection -> {
            var totals = stage(connection, feed, sizes(List.of(key)));
            var select = new StringBuilder("select count(*), count(distinct (" + FeedSql.cols(feed.businessKey()) + "))");
            for (var c : feed.columns()) {
                var col = FeedSql.q(c.name());
                select.append(", count(").append(col).append(")");
                switch (c.type()) {
                    case DECIMAL, INTEGER -> select.append(", null, trim_scale(sum(").append(col).append(")), trim_scale(min(")
                            .append(col).append("))::text, trim_scale(max(").append(col).append("))::text");
                    case DATE -> select.append(", null, null, min(").append(col).append(")::text, max(").append(col).append(")::text");
                    default -> select.append(", count(distinct ").append(col).append("), null, null, null");
                }
            }
            select.append(" from ").append(FeedSql.STAGE);
            try (var st = connection.createStatement(); var rs = st.executeQuery(select.toString())) {
                rs.next();
                var columns = new ArrayList<ColumnSummary>();
                int i = 3;
                for (var c : feed.columns()) {
                    long nonNull = rs.getLong(i);
                    var distinct = (Long) rs.getObject(i + 1);
                    BigDecimal sum = rs.getBigDecimal(i + 2);
                    columns.add(new ColumnSummary(c.name(), c.type().name().toLowerCase(), nonNull, distinct, sum,
                            rs.getString(i + 3), rs.getString(i + 4)));
                    i += 5;
                }
                return new FileSummary(feed.name(), properties.bucket(), key, totals[0], totals[1], totals[2], rs.getLong(2), columns);
            }
        });
    }

    /** Stages the objects in order; returns rows read, valid and bad over all of them. */
    private long[] stage(Connection connection, FeedDefinition feed, List<ObjectMetadata> objectsToRead) throws SQLException {
        var sql = new FeedSql(feed);
        var sources = catalog.sourceWeights(feed.name()).keySet();
        long[] totals = new long[3];
        try (var copy = new PgCopyWriter(connection, sql.copyIntoStage())) {
            for (int f = 0; f < objectsToRead.size(); f++) {
                var object = objectsToRead.get(f);
                var key = object.key();
                long base = (f + 1) * FeedSql.MERGE_FILE_STRIDE;
                var unreadable = new ArrayList<RowError>();
                FeedParser.Outcome outcome;
                try (var in = objects.open(object)) {
                    outcome = FeedParser.parse(in, BoundedCsvReader.Limits.of(properties), feed, sources, (line, values) -> {
                        try {
                            copy.write(base + line, values);
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }, e -> {
                        if (unreadable.size() < MAX_UNREADABLE_ERRORS) {
                            unreadable.add(e);
                        }
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (outcome.fatal()) {
                    throw new UnreadableFileException("s3://" + properties.bucket() + "/" + key + " cannot be read as feed "
                            + feed.name() + ": " + outcome.fatalReason(), unreadable);
                }
                totals[0] += outcome.rows();
                totals[1] += outcome.validRows();
                totals[2] += outcome.badRows();
            }
            copy.finish();
        }
        return totals;
    }

    private interface StageWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs work against a fresh staging table in a transaction that is always rolled back. */
    private <T> T inStage(FeedDefinition feed, StageWork<T> work) {
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (var st = connection.createStatement()) {
                st.execute(new FeedSql(feed).createStage());
            }
            try {
                return work.run(connection);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("database error while staging: " + e.getMessage(), e);
        }
    }

    private FeedDefinition feed(String name) {
        return catalog.feed(name).orElseThrow(() -> new UnknownFeedException(name));
    }
}
