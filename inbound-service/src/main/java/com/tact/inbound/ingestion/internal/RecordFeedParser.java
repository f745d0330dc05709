package com.tact.inbound.ingestion.internal;

import com.tact.inbound.copybook.Field;
import com.tact.inbound.copybook.FieldCodec;
import com.tact.inbound.copybook.RecordInput;
import com.tact.inbound.ingestion.RowError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Streams a record file through the decoder and then the same validator as a CSV file: each detail record becomes
 * the feed's columns (by the feed's mapping) and is checked by the feed's rules; good rows go to the sink. Problems
 * are located by record number, byte offset, copybook field and raw bytes. The file as a whole is unusable (fatal)
 * when its framing breaks (a truncated record, a bad RDW), when its header or trailer is missing, misplaced or
 * unreadable, or when the trailer's record count or hash total disagrees with the detail records. One record is
 * held at a time.
 */
final class RecordFeedParser {

    private static final int MAX_SHOWN_HEX = 64;

    private final RecordFeed rf;
    private final FieldCodec codec;
    private final RowValidator validator;
    private final Consumer<RowError> errors;
    private final FeedParser.RowSink sink;
    private long rows;
    private long valid;
    private long trailerAt;
    private BigDecimal hash = BigDecimal.ZERO;
    private long hashMissing;
    private BigDecimal trailerCount;
    private BigDecimal trailerHash;
    private RowError countAt;
    private RowError hashAt;

    private RecordFeedParser(RecordFeed rf, Set<String> knownSources, FeedParser.RowSink sink, Consumer<RowError> errors) {
        this.rf = rf;
        this.codec = new FieldCodec(rf.codePage);
        this.sink = sink;
        this.errors = errors;
        var header = new CsvRecordReader.Line(0, rf.feed.columnNames());
        this.validator = RowValidator.forHeader(rf.feed, knownSources, header, errors);
    }

    /** Fatal: the file cannot be applied; the reason says where. */
    private static final class Unusable extends RuntimeException {
        final RowError error;

        Unusable(RowError error) {
            super(error.toString(), null, false, false);
            this.error = error;
        }
    }

    static FeedParser.Outcome parse(InputStream in, RecordFeed rf, Set<String> knownSources, FeedParser.RowSink sink,
                                    Consumer<RowError> errors) {
        return new RecordFeedParser(rf, knownSources, sink, errors).run(in);
    }

    private FeedParser.Outcome run(InputStream in) {
        try (var input = rf.open(in)) {
            while (input.next()) {
                record(input);
            }
            if (input.number() == 0) {
                throw new Unusable(RowError.ofRecord(1, 0, null, null, "empty file: no records"));
            }
            if (rf.hasTrailer() && trailerAt == 0) {
                throw new Unusable(RowError.ofRecord(input.number(), input.offset(), null, null, "no trailer record: the file ends with record "
                        + input.number() + " (at byte offset " + input.offset() + "), which is not a trailer"));
            }
            control(input);
            return new FeedParser.Outcome(rows, valid, rows - valid, false, null);
        } catch (Unusable e) {
            errors.accept(e.error);
            return new FeedParser.Outcome(rows, valid, rows - valid, true, e.getMessage());
        } catch (RecordInput.FramingException e) {
            errors.accept(RowError.ofRecord(e.record(), e.offset(), null, null, e.getMessage()));
            return new FeedParser.Outcome(rows, valid, rows - valid, true, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void record(RecordInput input) {
        var buffer = input.buffer();
        int length = input.length();
        long number = input.number();
        if (trailerAt > 0) {
            throw new Unusable(RowError.ofRecord(number, input.offset(), null, null, "record " + number + " (at byte offset "
                    + input.offset() + ") follows the trailer (record " + trailerAt + ")"));
        }
        var type = rf.typeOf(codec, buffer, length);
        if (number == 1 && rf.hasHeader() && type != RecordFeed.Type.HEADER) {
            throw new Unusable(located(input, rf.discriminator, "the first record is not the header: " + typeSaid(input)
                    + " (is the declared code page " + rf.codePage + " the file's?)"));
        }
        if (type == null) {
            // perhaps a detail whose type byte is damaged: it counts as a record, but its amount cannot be added
            rows++;
            hashMissing++;
            errors.accept(located(input, rf.discriminator, "unknown record type: " + typeSaid(input)));
            return;
        }
        switch (type) {
            case HEADER -> {
                if (number != 1) {
                    throw new Unusable(located(input, rf.discriminator, "a second header at record " + number));
                }
                readControl(input, rf.fieldsOf.get(RecordFeed.Type.HEADER), "header");
            }
            case TRAILER -> {
                trailerAt = number;
                var values = readControl(input, rf.fieldsOf.get(RecordFeed.Type.TRAILER), "trailer");
                trailerCount = rf.recordCount == null ? null : values[rf.fieldsOf.get(RecordFeed.Type.TRAILER).indexOf(rf.recordCount)];
                trailerHash = rf.hashTotal == null ? null : values[rf.fieldsOf.get(RecordFeed.Type.TRAILER).indexOf(rf.hashTotal)];
                countAt = rf.recordCount == null ? null : located(input, rf.recordCount, "");
                hashAt = rf.hashTotal == null ? null : located(input, rf.hashTotal, "");
            }
            case DETAIL -> detail(input);
        }
    }

    private void detail(RecordInput input) {
        rows++;
        var buffer = input.buffer();
        int length = input.length();
        if (length < rf.detailLength) {
            errors.accept(RowError.ofRecord(input.number(), input.offset(), null, null, "wrong record length: record " + input.number()
                    + " has " + length + " bytes, a detail record needs at least " + rf.detailLength));
            hashMissing++;
            return;
        }
        if (rf.hashOf != null) {
            var h = codec.decode(buffer, length, rf.hashOf);
            if (h.ok() && !h.value().isEmpty()) {
                hash = hash.add(new BigDecimal(h.value()));
            } else if (!h.ok()) {
                hashMissing++;
            }
        }
        var columns = rf.feed.columns();
        var values = new ArrayList<String>(columns.size());
        boolean ok = true;
        for (int c = 0; c < columns.size(); c++) {
            var source = rf.sources[c];
            if (source == null) {
                values.add("");
                continue;
            }
            if (source.constant() != null) {
                values.add(source.constant());
                continue;
            }
            var decoded = codec.decode(buffer, length, source.field());
            if (!decoded.ok()) {
                errors.accept(fieldError(input, c, source.field(), decoded.problem()));
                ok = false;
                values.add("");
                continue;
            }
            values.add(source.date() ? isoDate(decoded.value()) : decoded.value());
        }
        if (!ok) {
            return;
        }
        var out = validator.validate(new CsvRecordReader.Line(input.number(), values), e -> errors.accept(located(input, e)));
        if (out != null) {
            valid++;
            sink.accept(input.number(), out);
        }
    }

    /** Decodes a header's or trailer's fields: any that cannot be read makes the file unusable. */
    private BigDecimal[] readControl(RecordInput input, java.util.List<Field> fields, String what) {
        var numbers = new BigDecimal[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            var f = fields.get(i);
            var decoded = codec.decode(input.buffer(), input.length(), f);
            if (!decoded.ok()) {
                throw new Unusable(located(input, f, "the " + what + " (record " + input.number() + ") cannot be read: field " + f.name()
                        + ": " + decoded.problem()));
            }
            if (f.numeric() && !decoded.value().isEmpty()) {
                numbers[i] = new BigDecimal(decoded.value());
            }
        }
        return numbers;
    }

    private void control(RecordInput input) {
        if (trailerAt == 0) {
            return;
        }
        if (rf.recordCount != null && (trailerCount == null || trailerCount.compareTo(BigDecimal.valueOf(rows)) != 0)) {
            throw new Unusable(at(countAt, "trailer record count " + plain(trailerCount) + " does not match the "
                    + rows + " detail records of the file"));
        }
        if (rf.hashTotal == null) {
            return;
        }
        if (hashMissing > 0) {
            errors.accept(at(hashAt, "hash total of " + rf.hashOf.name() + " not verified: " + hashMissing
                    + " detail records have no readable " + rf.hashOf.name()));
            return;
        }
        if (trailerHash == null || trailerHash.compareTo(hash) != 0) {
            throw new Unusable(at(hashAt, "trailer hash total " + plain(trailerHash) + " does not match "
                    + hash.toPlainString() + ", the sum of " + rf.hashOf.name() + " over the " + rows + " detail records"
                    + (trailerHash == null ? "" : " (difference " + trailerHash.subtract(hash).toPlainString() + ")")));
        }
    }

    private static RowError at(RowError where, String reason) {
        return new RowError(where.line(), null, null, reason, null, where.byteOffset(), where.field(), where.rawHex());
    }

    private static String plain(BigDecimal n) {
        return n == null ? "(none)" : n.toPlainString();
    }

    private String typeSaid(RecordInput input) {
        if (rf.discriminator == null) {
            return "no record type";
        }
        var decoded = codec.decode(input.buffer(), input.length(), rf.discriminator);
        return rf.discriminator.name() + " holds " + (decoded.ok() ? "'" + decoded.value() + "'" : "no text (" + decoded.problem() + ")")
                + "; declared: " + rf.types.keySet();
    }

    /** A problem of one field of the record: its byte offset in the file and its bytes. */
    private RowError located(RecordInput input, Field f, String reason) {
        if (f == null) {
            return RowError.ofRecord(input.number(), input.offset(), null, null, reason);
        }
        return RowError.ofRecord(input.number(), input.dataOffset() + f.offset(), f.name(), hex(input, f), reason);
    }

    private RowError fieldError(RecordInput input, int column, Field f, String reason) {
        var name = rf.feed.columns().get(column).name();
        return new RowError(input.number(), column + 1, name, reason, null, input.dataOffset() + f.offset(), f.name(), hex(input, f));
    }

    /** A rule the decoded value broke, located at its field. */
    private RowError located(RecordInput input, RowError e) {
        if (e.columnNo() == null || e.columnNo() < 1) {
            return new RowError(e.line(), e.columnNo(), e.column(), e.reason(), e.value(), input.offset(), null, null);
        }
        var source = rf.sources[e.columnNo() - 1];
        if (source == null || source.field() == null) {
            return new RowError(e.line(), e.columnNo(), e.column(), e.reason(), e.value(), input.offset(), null, null);
        }
        var f = source.field();
        return new RowError(e.line(), e.columnNo(), e.column(), e.reason(), e.value(), input.dataOffset() + f.offset(), f.name(), hex(input, f));
    }

    private static String hex(RecordInput input, Field f) {
        var hex = FieldCodec.hex(input.buffer(), input.length(), f);
        return hex.length() <= MAX_SHOWN_HEX * 2 ? hex : hex.substring(0, MAX_SHOWN_HEX * 2) + "...";
    }

    /** yyyyMMdd digits as yyyy-MM-dd; zeros or blank as no date; anything else as it is (the validator says why). */
    static String isoDate(String digits) {
        if (digits.isEmpty() || digits.chars().allMatch(c -> c == '0')) {
            return "";
        }
        if (digits.length() <= 8 && digits.chars().allMatch(Character::isDigit)) {
            var d = "0".repeat(8 - digits.length()) + digits;
            return d.substring(0, 4) + "-" + d.substring(4, 6) + "-" + d.substring(6);
        }
        return digits;
    }
}
