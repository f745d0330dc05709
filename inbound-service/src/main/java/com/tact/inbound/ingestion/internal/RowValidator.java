package com.tact.inbound.ingestion.internal;

import com.tact.inbound.ingestion.FeedDefinition;
import com.tact.inbound.ingestion.FeedDefinition.Column;
import com.tact.inbound.ingestion.FeedDefinition.Rule;
import com.tact.inbound.ingestion.RowError;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Checks a file's header against its feed, then each record against the column rules, and turns the good
 * ones into normalised values (in the feed's column order) ready for COPY. Stateless per record.
 */
final class RowValidator {

    private static final int MAX_SHOWN_VALUE = 200;

    private final FeedDefinition feed;
    private final Set<String> knownSources;
    /** for each feed column, its index in the file's records (-1: absent, optional) */
    private final int[] positions;
    private final int fileColumns;
    private final Map<String, Pattern> patterns = new HashMap<>();
    private final int sourceIndex;

    private RowValidator(FeedDefinition feed, Set<String> knownSources, int[] positions, int fileColumns) {
        this.feed = feed;
        this.knownSources = knownSources;
        this.positions = positions;
        this.fileColumns = fileColumns;
        this.sourceIndex = feed.columnNames().indexOf(feed.sourceColumn());
    }

    /**
     * @return a validator for records under this header, or null when the header is unusable (errors reported)
     */
    static RowValidator forHeader(FeedDefinition feed, Set<String> knownSources, CsvRecordReader.Line header,
                                  Consumer<RowError> errors) {
        var names = header.values();
        var index = new HashMap<String, Integer>();
        boolean ok = true;
        for (int i = 0; i < names.size(); i++) {
            var name = names.get(i).trim().toLowerCase(Locale.ROOT);
            if (feed.column(name) == null) {
                errors.accept(new RowError(header.number(), i + 1, names.get(i),
                        "unknown column '" + names.get(i) + "'; feed " + feed.name() + " expects " + feed.columnNames(), null));
                ok = false;
            } else if (index.putIfAbsent(name, i) != null) {
                errors.accept(new RowError(header.number(), i + 1, name, "column '" + name + "' appears twice", null));
                ok = false;
            }
        }
        var columns = feed.columns();
        int[] positions = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            var column = columns.get(c);
            Integer at = index.get(column.name());
            if (at == null && (column.isRequired() || feed.businessKey().contains(column.name()))) {
                errors.accept(new RowError(header.number(), null, column.name(),
                        "missing column '" + column.name() + "' in the header", null));
                ok = false;
            }
            positions[c] = at == null ? -1 : at;
        }
        return ok ? new RowValidator(feed, knownSources, positions, names.size()) : null;
    }

    /**
     * @return the normalised values in feed column order (null for an empty optional value), or null when
     *         the record is invalid; every problem of the record is reported
     */
    String[] validate(CsvRecordReader.Line line, Consumer<RowError> errors) {
        var values = line.values();
        if (values.size() != fileColumns) {
            errors.accept(new RowError(line.number(), null, null,
                    "expected " + fileColumns + " values, found " + values.size(), null));
            return null;
        }
        var columns = feed.columns();
        var out = new String[columns.size()];
        boolean ok = true;
        for (int c = 0; c < columns.size(); c++) {
            int at = positions[c];
            var raw = at < 0 ? "" : values.get(at).trim();
            var column = columns.get(c);
            var rule = ruleFor(column, values);
            var problem = check(rule, column, raw);
            if (problem != null) {
                errors.accept(new RowError(line.number(), at + 1, column.name(), problem, shown(raw)));
                ok = false;
                continue;
            }
            out[c] = raw.isEmpty() ? null : normalise(rule.type(), raw);
        }
        if (ok && !knownSources.contains(out[sourceIndex])) {
            errors.accept(new RowError(line.number(), positions[sourceIndex] + 1, feed.sourceColumn(),
                    "unknown source '" + out[sourceIndex] + "'; configured sources: " + knownSources, shown(out[sourceIndex])));
            return null;
        }
        return ok ? out : null;
    }

    private Rule ruleFor(Column column, List<String> values) {
        var typeBy = column.typeBy();
        if (typeBy != null) {
            int at = positions[feed.columnNames().indexOf(typeBy.column())];
            var selector = at < 0 ? "" : values.get(at).trim();
            var rule = typeBy.types().get(selector);
            if (rule != null) {
                return new Rule(rule.type(), column.required(), rule.pattern(), rule.maxLength(), rule.allowed(),
                        rule.min(), rule.max(), rule.scale());
            }
        }
        return column.rule();
    }

    private String check(Rule rule, Column column, String raw) {
        if (raw.isEmpty()) {
            if (feed.businessKey().contains(column.name())) {
                return "missing business key value";
            }
            return Boolean.TRUE.equals(rule.required()) ? "required value missing" : null;
        }
        switch (rule.type()) {
            case DECIMAL, INTEGER -> {
                BigDecimal number;
                try {
                    number = new BigDecimal(raw);
                } catch (NumberFormatException e) {
                    return "not a " + (rule.type() == FeedDefinition.Type.INTEGER ? "whole number" : "decimal number") + ": '" + raw + "'";
                }
                if (rule.type() == FeedDefinition.Type.INTEGER && number.stripTrailingZeros().scale() > 0) {
                    return "not a whole number: '" + raw + "'";
                }
                if (rule.min() != null && number.compareTo(rule.min()) < 0) {
                    return "value " + raw + " is below the minimum " + rule.min().toPlainString();
                }
                if (rule.max() != null && number.compareTo(rule.max()) > 0) {
                    return "value " + raw + " is above the maximum " + rule.max().toPlainString();
                }
                if (rule.scale() != null && Math.max(number.stripTrailingZeros().scale(), 0) > rule.scale()) {
                    return "more than " + rule.scale() + " decimal places: '" + raw + "'";
                }
            }
            case DATE -> {
                try {
                    LocalDate.parse(raw);
                } catch (DateTimeParseException e) {
                    return "not a date (expected yyyy-MM-dd): '" + raw + "'";
                }
            }
            case BOOLEAN -> {
                var lower = raw.toLowerCase(Locale.ROOT);
                if (!lower.equals("true") && !lower.equals("false")) {
                    return "not a boolean (expected true or false): '" + raw + "'";
                }
            }
            case STRING -> {
                if (rule.maxLength() != null && raw.length() > rule.maxLength()) {
                    return "longer than " + rule.maxLength() + " characters";
                }
                if (rule.allowed() != null && !rule.allowed().isEmpty() && !rule.allowed().contains(raw)) {
                    return "'" + raw + "' is not one of " + rule.allowed();
                }
                if (rule.pattern() != null && !patterns.computeIfAbsent(rule.pattern(), Pattern::compile).matcher(raw).matches()) {
                    return "'" + raw + "' does not match " + rule.pattern();
                }
            }
        }
        return null;
    }

    private static String normalise(FeedDefinition.Type type, String raw) {
        return switch (type) {
            case DECIMAL -> new BigDecimal(raw).toPlainString();
            case INTEGER -> new BigDecimal(raw).toBigIntegerExact().toString();
            case BOOLEAN -> raw.toLowerCase(Locale.ROOT);
            default -> raw;
        };
    }

    private static String shown(String raw) {
        return raw == null || raw.length() <= MAX_SHOWN_VALUE ? raw : raw.substring(0, MAX_SHOWN_VALUE) + "...";
    }
}
