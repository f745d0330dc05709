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
    /**
     * Bounds on every number, checked before any arithmetic or normalisation: a value such as 1E-999999999 is
     * twelve characters long but a billion digits in plain notation. Within these bounds no value costs more
     * than a few hundred characters of work. 38 digits is what a Postgres, Aurora or Oracle NUMBER(38) holds.
     */
    static final int MAX_NUMBER_CHARS = 100;
    static final int MAX_INTEGER_DIGITS = 38;
    static final int MAX_FRACTION_DIGITS = 38;
    /** yyyy-MM-dd with a four-digit year: the ISO parser alone would accept +999999999-12-31. */
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

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
                errors.accept(new RowError(header.number(), i + 1, shown(names.get(i)),
                        "unknown column '" + shown(names.get(i)) + "'; feed " + feed.name() + " expects " + feed.columnNames(), null));
                ok = false;
            } else if (index.putIfAbsent(name, i) != null) {
                errors.accept(new RowError(header.number(), i + 1, name, "column '" + shown(name) + "' appears twice", null));
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
                    "unknown source '" + shown(out[sourceIndex]) + "'; configured sources: " + knownSources, shown(out[sourceIndex])));
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
                var bounded = boundedNumber(raw, rule.type());
                if (bounded.problem() != null) {
                    return bounded.problem();
                }
                var number = bounded.stripped();
                if (rule.type() == FeedDefinition.Type.INTEGER && number.scale() > 0) {
                    return "not a whole number: '" + shown(raw) + "'";
                }
                if (rule.min() != null && number.compareTo(rule.min()) < 0) {
                    return "value " + raw + " is below the minimum " + rule.min().toPlainString();
                }
                if (rule.max() != null && number.compareTo(rule.max()) > 0) {
                    return "value " + raw + " is above the maximum " + rule.max().toPlainString();
                }
                if (rule.scale() != null && Math.max(number.scale(), 0) > rule.scale()) {
                    return "more than " + rule.scale() + " decimal places: '" + raw + "'";
                }
            }
            case DATE -> {
                try {
                    if (!ISO_DATE.matcher(raw).matches()) {
                        throw new DateTimeParseException("not yyyy-MM-dd", raw, 0);
                    }
                    LocalDate.parse(raw);
                } catch (DateTimeParseException e) {
                    return "not a date (expected yyyy-MM-dd): '" + shown(raw) + "'";
                }
            }
            case BOOLEAN -> {
                var lower = raw.toLowerCase(Locale.ROOT);
                if (!lower.equals("true") && !lower.equals("false")) {
                    return "not a boolean (expected true or false): '" + shown(raw) + "'";
                }
            }
            case STRING -> {
                if (rule.maxLength() != null && raw.length() > rule.maxLength()) {
                    return "longer than " + rule.maxLength() + " characters";
                }
                if (rule.allowed() != null && !rule.allowed().isEmpty() && !rule.allowed().contains(raw)) {
                    return "'" + shown(raw) + "' is not one of " + rule.allowed();
                }
                if (rule.pattern() != null) {
                    return matches(rule.pattern(), raw);
                }
            }
        }
        return null;
    }

    /**
     * A feed's pattern is data, and Java's regex engine recurses for some patterns ({@code (a|b)*}) once per
     * character: a long enough value overflows the stack. That is the value's problem, reported on its row.
     */
    private String matches(String pattern, String raw) {
        try {
            return patterns.computeIfAbsent(pattern, Pattern::compile).matcher(raw).matches()
                    ? null : "'" + shown(raw) + "' does not match " + pattern;
        } catch (StackOverflowError e) {
            return "value of " + raw.length() + " characters is too complex to check against " + pattern;
        }
    }

    /** A number within the bounds: as written ({@code value}) and without trailing zeros ({@code stripped}). */
    record Bounded(BigDecimal value, BigDecimal stripped, String problem) {
    }

    /**
     * Parses a number only once its written length is bounded, and accepts it only within 38 digits on either
     * side of the point. BigDecimal reads precision and scale without expanding the exponent, so the checks
     * are cheap whatever is written; the accepted value's plain form is at most a few hundred characters.
     */
    static Bounded boundedNumber(String raw, FeedDefinition.Type type) {
        var kind = type == FeedDefinition.Type.INTEGER ? "whole number" : "decimal number";
        if (raw.length() > MAX_NUMBER_CHARS) {
            return new Bounded(null, null, "number written with " + raw.length() + " characters, more than "
                    + MAX_NUMBER_CHARS + ": '" + shown(raw) + "'");
        }
        BigDecimal number;
        try {
            number = new BigDecimal(raw);
        } catch (NumberFormatException e) {
            return new Bounded(null, null, "not a " + kind + ": '" + raw + "'");
        }
        if (number.signum() == 0) {
            // 0E-999999999 is zero too, but its plain form is not short
            var zero = Math.abs(number.scale()) <= MAX_FRACTION_DIGITS ? number : BigDecimal.ZERO;
            return new Bounded(zero.scale() < 0 ? BigDecimal.ZERO : zero, BigDecimal.ZERO, null);
        }
        if ((long) number.precision() - number.scale() > MAX_INTEGER_DIGITS) {
            return new Bounded(null, null, "number too large: more than " + MAX_INTEGER_DIGITS
                    + " digits before the decimal point: '" + raw + "'");
        }
        var stripped = number.stripTrailingZeros();
        if (stripped.scale() > MAX_FRACTION_DIGITS) {
            return new Bounded(null, null, "number too precise: more than " + MAX_FRACTION_DIGITS
                    + " decimal places: '" + raw + "'");
        }
        return new Bounded(number, stripped, null);
    }

    private static String normalise(FeedDefinition.Type type, String raw) {
        return switch (type) {
            case DECIMAL -> boundedNumber(raw, type).value().toPlainString();
            case INTEGER -> boundedNumber(raw, type).stripped().toBigIntegerExact().toString();
            case BOOLEAN -> raw.toLowerCase(Locale.ROOT);
            default -> raw;
        };
    }

    private static String shown(String raw) {
        return raw == null || raw.length() <= MAX_SHOWN_VALUE ? raw : raw.substring(0, MAX_SHOWN_VALUE) + "...";
    }
}
