package com.tact.inbound.ingestion.internal;

import com.tact.inbound.copybook.Field;
import com.tact.inbound.copybook.FieldCodec;
import com.tact.inbound.copybook.RecordInput;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a record file in a record feed's own layout and code page: a header (its run date today), one detail record
 * per row (each feed column into the field it is read from; constants and unmapped fields left blank or zero), and a
 * trailer with the count of details and the hash total of {@code hashOf}. One record's bytes at a time.
 */
final class RecordFileWriter {

    private final RecordFeed rf;
    private final FieldCodec codec;
    private final OutputStream out;
    private final byte[] record;
    private long details;
    private BigDecimal hash = BigDecimal.ZERO;

    RecordFileWriter(RecordFeed rf, OutputStream out) {
        this.rf = rf;
        this.codec = new FieldCodec(rf.codePage);
        this.out = out;
        this.record = new byte[rf.recordLength];
    }

    void header(LocalDate runDate) throws IOException {
        if (!rf.hasHeader()) {
            return;
        }
        blank(RecordFeed.Type.HEADER);
        if (rf.runDate != null) {
            codec.encode(rf.runDate, runDate.format(DateTimeFormatter.BASIC_ISO_DATE), record);
        }
        write();
    }

    /** One row of the feed's columns, in column order (as text, null for none). */
    void detail(String[] values) throws IOException {
        blank(RecordFeed.Type.DETAIL);
        for (int c = 0; c < values.length; c++) {
            var source = rf.sources[c];
            if (source == null || source.field() == null || values[c] == null) {
                continue;
            }
            var value = source.date() ? values[c].replace("-", "") : values[c];
            codec.encode(source.field(), value, record);
            if (source.field().equals(rf.hashOf)) {
                hash = hash.add(new BigDecimal(value));
            }
        }
        details++;
        write();
    }

    void trailer() throws IOException {
        if (!rf.hasTrailer()) {
            return;
        }
        blank(RecordFeed.Type.TRAILER);
        if (rf.recordCount != null) {
            codec.encode(rf.recordCount, Long.toString(details), record);
        }
        if (rf.hashTotal != null) {
            codec.encode(rf.hashTotal, hash.toPlainString(), record);
        }
        write();
    }

    /** Spaces everywhere, zero in the type's numeric fields, and the type's discriminator value. */
    private void blank(RecordFeed.Type type) {
        Arrays.fill(record, codec.codePage().space());
        List<Field> fields = rf.fieldsOf.get(type);
        for (var f : fields) {
            if (f.numeric()) {
                codec.encode(f, "0", record);
            }
        }
        if (rf.discriminator != null) {
            rf.types.forEach((value, t) -> {
                if (t == type) {
                    codec.encode(rf.discriminator, value, record);
                }
            });
        }
    }

    private void write() throws IOException {
        if (rf.framing == RecordInput.Framing.RDW) {
            int total = record.length + 4;
            out.write(new byte[] {(byte) (total >> 8), (byte) total, 0, 0});
        }
        out.write(record);
    }
}
