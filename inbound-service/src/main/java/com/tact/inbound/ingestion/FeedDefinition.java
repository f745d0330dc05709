package com.tact.inbound.ingestion;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A feed declared as data (table feed_definition): columns and their rules, the business key, the source
 * column whose configured weight decides between conflicting values, the tables it lands in, and the
 * share of bad rows above which the whole file is rejected. A feed reads CSV unless it declares
 * {@code format: records}: fixed-width mainframe records described by a copybook ({@link Records}).
 */
public record FeedDefinition(String name,
                             String s3Prefix,
                             String description,
                             List<Column> columns,
                             List<String> businessKey,
                             String sourceColumn,
                             ChangeEvent changeEvent,
                             Target target,
                             RejectThreshold rejectThreshold,
                             Format format,
                             Records records) {

    /** A CSV feed. */
    public FeedDefinition(String name, String s3Prefix, String description, List<Column> columns, List<String> businessKey,
                          String sourceColumn, ChangeEvent changeEvent, Target target, RejectThreshold rejectThreshold) {
        this(name, s3Prefix, description, columns, businessKey, sourceColumn, changeEvent, target, rejectThreshold, Format.CSV, null);
    }

    public FeedDefinition {
        format = format == null ? Format.CSV : format;
    }

    public enum Format { CSV, RECORDS }

    /**
     * A record feed: the layout (a copybook as text, or the same entries as JSON), the code page, the framing (fixed
     * length or RDW), which record type a record is (a discriminator field and the group each type's fields lie in),
     * where each feed column comes from, and the trailer's control totals.
     */
    public record Records(String copybook, List<LayoutEntry> layout, String codePage, String framing, Integer recordLength,
                          RecordTypes recordType, Map<String, ColumnSource> columns, Control control) {
    }

    /** A copybook entry as JSON: {@code {"level": 5, "name": "DTL-QTY", "pic": "S9(11)V9(4)", "usage": "COMP-3"}}. */
    public record LayoutEntry(Integer level, String name, String pic, String usage, Integer occurs, String redefines) {
    }

    /** The discriminator field and, per record type, its value and the group (a REDEFINES alternative) of its fields. */
    public record RecordTypes(String field, RecordType header, RecordType detail, RecordType trailer) {
    }

    public record RecordType(String value, String group) {
    }

    /**
     * Where a feed column's value comes from: a copybook field (written as just its name), optionally read as a
     * date ({@code "date": "yyyyMMdd"}), or a constant (e.g. the source of every row of the feed).
     */
    public record ColumnSource(String field, String date, String constant) {

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public ColumnSource {
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static ColumnSource field(String field) {
            return new ColumnSource(field, null, null);
        }
    }

    /**
     * The trailer's control fields: its record count (of detail records) and hash total (the sum of {@code hashOf},
     * a numeric detail field); the header's run date. Each optional.
     */
    public record Control(String recordCount, String hashTotal, String hashOf, String runDate) {
    }

    public boolean recordFeed() {
        return format == Format.RECORDS;
    }

    private static final Pattern IDENTIFIER = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");

    public enum Type { STRING, DECIMAL, INTEGER, DATE, BOOLEAN }

    /** The rules a value must satisfy; a column may take its rule from another column's value (typeBy). */
    public record Rule(Type type, Boolean required, String pattern, Integer maxLength, List<String> allowed,
                       BigDecimal min, BigDecimal max, Integer scale) {
    }

    public record TypeBy(String column, Map<String, Rule> types) {
    }

    public record Column(String name, Type type, Boolean required, String pattern, Integer maxLength,
                         List<String> allowed, BigDecimal min, BigDecimal max, Integer scale, TypeBy typeBy) {

        public boolean isRequired() {
            return Boolean.TRUE.equals(required);
        }

        public Rule rule() {
            return new Rule(type, required, pattern, maxLength, allowed, min, max, scale);
        }
    }

    public record Parent(String table, String key) {
    }

    /** Rolls the resolved name/value rows of a key up into one JSONB column of another table. */
    public record JsonRollup(String table, String column, String key, String name, String value) {
    }

    /** The outbox event written, once per changed aggregate (e.g. per bucket), when a file changes data. */
    public record ChangeEvent(String type, String aggregateType, String aggregateKey) {
    }

    public record Target(String table, String candidateTable, Parent parent, JsonRollup jsonRollup) {
    }

    /** Reject the file when more than maxErrors rows, or more than maxErrorRatio of the rows, are bad. */
    public record RejectThreshold(Long maxErrors, Double maxErrorRatio) {

        public boolean exceeded(long badRows, long totalRows) {
            if (maxErrors != null && badRows > maxErrors) {
                return true;
            }
            double ratio = maxErrorRatio == null ? 0.0 : maxErrorRatio;
            return totalRows > 0 && (double) badRows / totalRows > ratio;
        }
    }

    public Column column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst().orElse(null);
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** Columns that are neither the business key nor the source: the values being resolved. */
    public List<String> valueColumns() {
        return columns.stream().map(Column::name)
                .filter(n -> !businessKey.contains(n) && !n.equals(sourceColumn)).toList();
    }

    /**
     * Checks the definition before it is used: names become SQL identifiers, so they must be plain ones.
     * @return the problems found; empty when the definition is usable
     */
    public List<String> problems() {
        var problems = new ArrayList<String>();
        if (columns == null || columns.isEmpty()) {
            return List.of("feed " + name + " declares no columns");
        }
        for (var c : columns) {
            requireIdentifier(problems, "column", c.name());
            if (c.type() == null) {
                problems.add("column " + c.name() + " has no type");
            }
            if (c.typeBy() != null && column(c.typeBy().column()) == null) {
                problems.add("column " + c.name() + " takes its type from unknown column " + c.typeBy().column());
            }
        }
        if (businessKey == null || businessKey.isEmpty()) {
            problems.add("feed " + name + " declares no business key");
        } else {
            businessKey.stream().filter(k -> column(k) == null)
                    .forEach(k -> problems.add("business key column " + k + " is not a declared column"));
        }
        if (sourceColumn == null || column(sourceColumn) == null) {
            problems.add("source column " + sourceColumn + " is not a declared column");
        }
        if (target == null) {
            problems.add("feed " + name + " declares no target");
        } else {
            requireIdentifier(problems, "table", target.table());
            requireIdentifier(problems, "table", target.candidateTable());
            if (target.parent() != null) {
                requireIdentifier(problems, "table", target.parent().table());
                requireIdentifier(problems, "column", target.parent().key());
            }
            if (target.jsonRollup() != null) {
                var r = target.jsonRollup();
                requireIdentifier(problems, "table", r.table());
                requireIdentifier(problems, "column", r.column());
                requireIdentifier(problems, "column", r.key());
                requireIdentifier(problems, "column", r.name());
                requireIdentifier(problems, "column", r.value());
            }
        }
        if (changeEvent == null || changeEvent.type() == null || column(changeEvent.aggregateKey()) == null) {
            problems.add("feed " + name + " declares no change event with a declared aggregate key column");
        }
        if (rejectThreshold == null) {
            problems.add("feed " + name + " declares no reject threshold");
        }
        if (format == Format.RECORDS && records == null) {
            problems.add("feed " + name + " declares format records but no records layout");
        }
        return problems;
    }

    private static void requireIdentifier(List<String> problems, String what, String identifier) {
        if (identifier == null || !IDENTIFIER.matcher(identifier).matches()) {
            problems.add(what + " name '" + Objects.toString(identifier) + "' is not a plain lower-case identifier");
        }
    }
}
