package com.tact.inbound.ingestion;

import com.tact.inbound.copybook.CodePage;
import com.tact.inbound.copybook.FieldCodec;
import com.tact.inbound.copybook.RecordLayout;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds holdings extracts (samples/holdings.cpy) byte by byte: a header, detail records, a trailer with the count
 * and hash total the details add up to (or others, to test the control), in any code page, and lets a test break a
 * record's bytes.
 */
public final class HoldingsFile {

    public record Holding(String account, String bucket, String security, String quantity, String marketValue,
                          String currency, String asOfDate) {
    }

    public static final RecordLayout LAYOUT = RecordLayout.of(FeedFixture.holdingsCopybook());
    public static final int RECORD = 100;

    private final List<Holding> holdings = new ArrayList<>();
    private final List<Consumer<byte[][]>> damage = new ArrayList<>();
    private CodePage codePage = CodePage.CP037;
    private Long count;
    private BigDecimal hash;
    private boolean trailer = true;

    public static HoldingsFile of(Holding... holdings) {
        var file = new HoldingsFile();
        file.holdings.addAll(Arrays.asList(holdings));
        return file;
    }

    /**
     * n holdings of one bucket, as of 2026-11-25: accounts named after the bucket (its last six letters or digits, then
     * 0001..), securities S0000001.., quantity i.5, market value 10 i + 0.25.
     */
    public static HoldingsFile many(String bucket, int n) {
        var file = new HoldingsFile();
        var letters = bucket.replaceAll("[^A-Z0-9]", "");
        var account = letters.substring(Math.max(0, letters.length() - 6));
        for (int i = 1; i <= n; i++) {
            file.holdings.add(new Holding(account + "%04d".formatted(i), bucket, "S%07d".formatted(i), i + ".5000", (i * 10) + ".25", "USD", "20261125"));
        }
        return file;
    }

    public HoldingsFile codePage(CodePage codePage) {
        this.codePage = codePage;
        return this;
    }

    public HoldingsFile trailerCount(long count) {
        this.count = count;
        return this;
    }

    public HoldingsFile trailerHash(String hash) {
        this.hash = new BigDecimal(hash);
        return this;
    }

    public HoldingsFile withoutTrailer() {
        this.trailer = false;
        return this;
    }

    /** Changes the bytes of record {@code number} (1 = the header) after they are written. */
    public HoldingsFile damage(int number, Consumer<byte[]> change) {
        damage.add(records -> change.accept(records[number - 1]));
        return this;
    }

    /** Sets one byte of a field of record {@code number}: e.g. a bad nibble in DTL-QUANTITY. */
    public HoldingsFile setByte(int number, String field, int index, int value) {
        int at = LAYOUT.field(field).offset() + index;
        return damage(number, r -> r[at] = (byte) value);
    }

    public BigDecimal hashTotal() {
        return holdings.stream().map(h -> new BigDecimal(h.marketValue())).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public byte[] bytes() {
        var codec = new FieldCodec(codePage);
        var records = new byte[holdings.size() + (trailer ? 2 : 1)][];
        int r = 0;
        records[r++] = record(codec, "H", "HDR-RUN-DATE", "20261126", "HDR-SYSTEM", "HOLDEXT");
        for (var h : holdings) {
            records[r++] = record(codec, "D", "DTL-ACCOUNT", h.account(), "DTL-BUCKET", h.bucket(), "DTL-SECURITY", h.security(),
                    "DTL-QUANTITY", h.quantity(), "DTL-MARKET-VALUE", h.marketValue(), "DTL-CURRENCY", h.currency(),
                    "DTL-AS-OF-DATE", h.asOfDate());
        }
        if (trailer) {
            records[r] = record(codec, "T", "TRL-RECORD-COUNT", String.valueOf(count == null ? holdings.size() : count),
                    "TRL-HASH-TOTAL", (hash == null ? hashTotal() : hash).toPlainString());
        }
        damage.forEach(d -> d.accept(records));
        var out = new ByteArrayOutputStream();
        for (var record : records) {
            out.writeBytes(record);
        }
        return out.toByteArray();
    }

    private static byte[] record(FieldCodec codec, String type, String... fieldsAndValues) {
        var record = new byte[RECORD];
        Arrays.fill(record, codec.codePage().space());
        codec.encode(LAYOUT.field("REC-TYPE"), type, record);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            codec.encode(LAYOUT.field(fieldsAndValues[i]), fieldsAndValues[i + 1], record);
        }
        return record;
    }
}
