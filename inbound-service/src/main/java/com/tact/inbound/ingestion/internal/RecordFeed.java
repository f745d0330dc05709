package com.tact.inbound.ingestion.internal;

import com.tact.inbound.copybook.CodePage;
import com.tact.inbound.copybook.CopybookException;
import com.tact.inbound.copybook.Entry;
import com.tact.inbound.copybook.Field;
import com.tact.inbound.copybook.FieldCodec;
import com.tact.inbound.copybook.RecordInput;
import com.tact.inbound.copybook.RecordLayout;
import com.tact.inbound.ingestion.FeedDefinition;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A record feed's declaration compiled once: the copybook's layout, the code page and framing, the record types
 * (header, detail, trailer) told apart by a discriminator field, where each feed column's value comes from, and the
 * trailer's control fields. {@link #of} refuses a declaration it cannot honour with every problem at once.
 */
final class RecordFeed {

    enum Type { HEADER, DETAIL, TRAILER }

    /** A feed column's origin: a field (read as yyyyMMdd when {@code date}), or a constant. */
    record Source(Field field, boolean date, String constant) {
    }

    private static final Map<FeedDefinition, RecordFeed> COMPILED = new ConcurrentHashMap<>();
    private static final int MAX_COMPILED = 64;
    /** One record is held in memory at a time: it must stay small whatever a definition says. */
    static final int MAX_RECORD_LENGTH = 1 << 20;

    final FeedDefinition feed;
    final RecordLayout layout;
    final CodePage codePage;
    final RecordInput.Framing framing;
    final int recordLength;
    final Field discriminator;
    final Map<String, Type> types = new LinkedHashMap<>();
    final Map<Type, List<Field>> fieldsOf = new EnumMap<>(Type.class);
    final Source[] sources;
    /** bytes a detail record must have to hold every field the feed reads */
    final int detailLength;
    final Field recordCount;
    final Field hashTotal;
    final Field hashOf;
    final Field runDate;

    /** The compiled feed (cached per definition: a changed definition compiles anew). */
    static RecordFeed of(FeedDefinition feed) {
        var compiled = COMPILED.get(feed);
        if (compiled == null) {
            if (COMPILED.size() >= MAX_COMPILED) {
                COMPILED.clear();
            }
            compiled = new RecordFeed(feed);
            COMPILED.put(feed, compiled);
        }
        return compiled;
    }

    private RecordFeed(FeedDefinition feed) {
        this.feed = feed;
        var spec = feed.records();
        var problems = new ArrayList<String>();
        if (spec == null) {
            throw new IllegalArgumentException("feed " + feed.name() + " declares no records layout");
        }
        this.layout = layout(spec);
        this.codePage = CodePage.named(spec.codePage());
        this.framing = switch (spec.framing() == null ? "fixed" : spec.framing().toLowerCase(Locale.ROOT)) {
            case "fixed" -> RecordInput.Framing.FIXED;
            case "rdw", "variable" -> RecordInput.Framing.RDW;
            default -> throw new IllegalArgumentException("framing " + spec.framing() + " is neither fixed nor rdw");
        };
        int length = spec.recordLength() == null ? layout.length() : spec.recordLength();
        if (length < layout.length()) {
            problems.add("recordLength " + length + " is shorter than the copybook's " + layout.length() + " bytes");
        }
        if (length > MAX_RECORD_LENGTH) {
            throw new IllegalArgumentException("records of " + length + " bytes are longer than " + MAX_RECORD_LENGTH);
        }
        if (framing == RecordInput.Framing.RDW && length > RecordInput.MAX_RDW_RECORD) {
            problems.add("recordLength " + length + " is more than an RDW can describe (" + RecordInput.MAX_RDW_RECORD + ")");
        }
        this.recordLength = length;

        var rt = spec.recordType();
        this.discriminator = rt == null ? null : field(rt.field(), "recordType.field", problems);
        var groups = new EnumMap<Type, String>(Type.class);
        if (rt == null) {
            groups.put(Type.DETAIL, null);
        } else {
            declareType(Type.HEADER, rt.header(), groups, problems);
            declareType(Type.DETAIL, rt.detail(), groups, problems);
            declareType(Type.TRAILER, rt.trailer(), groups, problems);
            if (!groups.containsKey(Type.DETAIL)) {
                problems.add("recordType declares no detail type");
            }
        }
        for (var type : groups.keySet()) {
            var group = groups.get(type);
            fieldsOf.put(type, layout.fields().stream()
                    .filter(f -> !f.filler() && (!f.alternative() || (group != null && f.within(group)))).toList());
        }

        var columns = feed.columns();
        this.sources = new Source[columns.size()];
        var mapping = spec.columns() == null ? Map.<String, FeedDefinition.ColumnSource>of() : spec.columns();
        mapping.keySet().stream().filter(c -> feed.column(c) == null)
                .forEach(c -> problems.add("columns maps '" + c + "', which is not a column of the feed"));
        int needed = 0;
        for (int c = 0; c < columns.size(); c++) {
            var column = columns.get(c);
            var source = mapping.get(column.name());
            if (source == null) {
                if (column.isRequired() || feed.businessKey().contains(column.name()) || column.name().equals(feed.sourceColumn())) {
                    problems.add("column " + column.name() + " is required but mapped to no field or constant");
                }
                continue;
            }
            if (source.constant() != null) {
                sources[c] = new Source(null, false, source.constant());
                continue;
            }
            var f = field(source.field(), "columns." + column.name(), problems);
            if (f == null) {
                continue;
            }
            if (!detailField(f)) {
                problems.add("column " + column.name() + " maps " + f.name() + ", which is not a field of detail records");
            }
            boolean date = source.date() != null;
            if (date && !source.date().equals("yyyyMMdd")) {
                problems.add("column " + column.name() + ": date format " + source.date() + " is not supported (yyyyMMdd)");
            }
            sources[c] = new Source(f, date, null);
            needed = Math.max(needed, f.offset() + f.length());
        }

        var control = spec.control();
        this.recordCount = control == null ? null : field(control.recordCount(), "control.recordCount", problems);
        this.hashTotal = control == null ? null : field(control.hashTotal(), "control.hashTotal", problems);
        this.hashOf = control == null ? null : field(control.hashOf(), "control.hashOf", problems);
        this.runDate = control == null ? null : field(control.runDate(), "control.runDate", problems);
        if ((recordCount != null || hashTotal != null) && !groups.containsKey(Type.TRAILER)) {
            problems.add("control totals need a trailer record type");
        }
        if ((hashTotal == null) != (hashOf == null)) {
            problems.add("control.hashTotal and control.hashOf go together");
        }
        for (var f : new Field[] {recordCount, hashTotal, hashOf}) {
            if (f != null && !f.numeric()) {
                problems.add("control field " + f.name() + " is not numeric");
            }
        }
        if (hashOf != null) {
            if (!detailField(hashOf)) {
                problems.add("control.hashOf " + hashOf.name() + " is not a field of detail records");
            }
            needed = Math.max(needed, hashOf.offset() + hashOf.length());
        }
        this.detailLength = Math.max(needed, discriminator == null ? 0 : discriminator.offset() + discriminator.length());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    private static RecordLayout layout(FeedDefinition.Records spec) {
        if ((spec.copybook() == null) == (spec.layout() == null)) {
            throw new IllegalArgumentException("declare either a copybook or a JSON layout");
        }
        try {
            if (spec.copybook() != null) {
                return RecordLayout.of(spec.copybook());
            }
            var entries = new ArrayList<Entry>();
            for (var e : spec.layout()) {
                if (e.level() == null) {
                    throw new CopybookException("layout entry " + e.name() + " has no level");
                }
                Entry.Usage usage = null;
                if (e.usage() != null && (usage = Entry.usage(e.usage())) == null) {
                    throw new CopybookException("layout entry " + e.name() + ": usage " + e.usage() + " is not supported");
                }
                entries.add(new Entry(e.level(), e.name() == null ? "FILLER" : e.name().toUpperCase(Locale.ROOT), e.pic(), usage,
                        e.occurs() == null ? 1 : e.occurs(), e.redefines() == null ? null : e.redefines().toUpperCase(Locale.ROOT), 0));
            }
            return RecordLayout.of(entries);
        } catch (CopybookException e) {
            throw new IllegalArgumentException("copybook: " + e.getMessage(), e);
        }
    }

    private void declareType(Type type, FeedDefinition.RecordType declared, Map<Type, String> groups, List<String> problems) {
        if (declared == null) {
            return;
        }
        if (declared.value() == null) {
            problems.add("record type " + type + " declares no value");
        } else if (types.put(declared.value(), type) != null) {
            problems.add("two record types have the value '" + declared.value() + "'");
        }
        var group = declared.group() == null ? null : declared.group().toUpperCase(Locale.ROOT);
        if (group != null && !layout.hasGroupOrField(group)) {
            problems.add("record type " + type + ": the copybook has no group " + declared.group());
        }
        groups.put(type, group);
    }

    private boolean detailField(Field f) {
        return fieldsOf.getOrDefault(Type.DETAIL, List.of()).contains(f);
    }

    private Field field(String name, String where, List<String> problems) {
        if (name == null) {
            return null;
        }
        try {
            return layout.field(name);
        } catch (CopybookException e) {
            problems.add(where + ": " + e.getMessage());
            return null;
        }
    }

    /** The type of the record in the buffer; null when its discriminator names none. */
    Type typeOf(FieldCodec codec, byte[] record, int length) {
        if (discriminator == null) {
            return Type.DETAIL;
        }
        var value = codec.decode(record, length, discriminator);
        return value.ok() ? types.get(value.value()) : null;
    }

    RecordInput open(InputStream in) {
        return new RecordInput(in, framing, recordLength);
    }

    boolean hasHeader() {
        return fieldsOf.containsKey(Type.HEADER);
    }

    boolean hasTrailer() {
        return fieldsOf.containsKey(Type.TRAILER);
    }
}
