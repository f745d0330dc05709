package com.tact.inbound.ingestion.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tact.inbound.copybook.CodePage;
import com.tact.inbound.ingestion.FeedDefinition;
import com.tact.inbound.ingestion.FeedFixture;
import com.tact.inbound.ingestion.HoldingsFile;
import com.tact.inbound.ingestion.HoldingsFile.Holding;
import com.tact.inbound.ingestion.RowError;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RecordFeedParserTest {

    private static final FeedDefinition HOLDINGS = FeedFixture.holdings();
    private static final Set<String> SOURCES = Set.of("TACT");

    private record Parsed(FeedParser.Outcome outcome, List<String[]> rows, List<RowError> errors) {
    }

    private static Parsed parse(FeedDefinition feed, byte[] file) {
        var rows = new ArrayList<String[]>();
        var errors = new ArrayList<RowError>();
        var outcome = FeedParser.parse(new ByteArrayInputStream(file), feed, SOURCES, (line, values) -> rows.add(values), errors::add);
        return new Parsed(outcome, rows, errors);
    }

    private static Holding holding(String account, String quantity, String value) {
        return new Holding(account, "GROWTH-01", "US0378331005".substring(0, 12), quantity, value, "USD", "20261125");
    }

    @Test
    void theShippedCopybookIsTheSample() throws Exception {
        assertThat(FeedFixture.holdingsCopybook()).isEqualTo(Files.readString(Path.of("../samples/holdings.cpy")));
    }

    @Test
    void theShippedSampleWrittenByThePythonGeneratorDecodes() throws Exception {
        var parsed = parse(HOLDINGS, Files.readAllBytes(Path.of("../samples/holdings-2026-11-25.dat")));
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.outcome()).isEqualTo(new FeedParser.Outcome(8, 8, 0, false, null));
        assertThat(parsed.rows().getFirst()).startsWith("ACC0000000", "GROWTH-01");
    }

    @Test
    void aGoodFileDecodesIntoTheFeedsColumnsInOrder() {
        var parsed = parse(HOLDINGS, HoldingsFile.of(holding("ACC0000001", "1200.5", "-15000.75"),
                holding("ACC0000002", "0", "0")).bytes());
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.outcome()).isEqualTo(new FeedParser.Outcome(2, 2, 0, false, null));
        assertThat(parsed.rows().getFirst()).containsExactly("ACC0000001", "GROWTH-01", "US0378331005", "1200.5000", "-15000.75", "USD",
                "2026-11-25", "TACT");
    }

    @Test
    void badPackedDataIsLocatedByRecordByteOffsetFieldAndHex() {
        var file = HoldingsFile.many("GROWTH-01", 5).setByte(4, "DTL-QUANTITY", 2, 0x1A);
        var parsed = parse(HOLDINGS, file.bytes());
        assertThat(parsed.outcome().rows()).isEqualTo(5);
        assertThat(parsed.outcome().badRows()).isEqualTo(1);
        assertThat(parsed.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).as("record number").isEqualTo(4);
            assertThat(e.byteOffset()).as("3 records of 100 bytes, then the field at 35").isEqualTo(335);
            assertThat(e.field()).isEqualTo("DTL-QUANTITY");
            assertThat(e.column()).isEqualTo("quantity");
            assertThat(e.rawHex()).isEqualTo("00001A000035000C");
            assertThat(e.reason()).isEqualTo("bad packed nibble 0xA in byte 3 (digit 6)");
        });
        assertThat(parsed.outcome().rejects(HOLDINGS)).as("1 of 5 is over the 1% threshold").isTrue();
        assertThat(parse(HOLDINGS, HoldingsFile.many("GROWTH-01", 200).setByte(4, "DTL-QUANTITY", 2, 0x1A).bytes()).outcome()
                .rejects(HOLDINGS)).as("1 of 200 is within it").isFalse();
    }

    @Test
    void anInvalidSignAndABrokenRuleAreLocatedToo() {
        var file = HoldingsFile.many("GROWTH-01", 3)
                .setByte(2, "DTL-MARKET-VALUE", 7, 0x57)
                .damage(3, r -> r[HoldingsFile.LAYOUT.field("DTL-CURRENCY").offset()] = (byte) 0x81);
        var parsed = parse(HOLDINGS, file.trailerHash("0").bytes());
        assertThat(parsed.errors()).extracting(RowError::line, RowError::field, RowError::reason).contains(
                org.assertj.core.groups.Tuple.tuple(2L, "DTL-MARKET-VALUE", "invalid sign nibble 0x7 (expected C, D or F)"),
                org.assertj.core.groups.Tuple.tuple(3L, "DTL-CURRENCY", "'aSD' does not match ^[A-Z]{3}$"));
        assertThat(parsed.errors()).filteredOn(e -> "currency".equals(e.column())).singleElement()
                .satisfies(e -> assertThat(e.rawHex()).isEqualTo("81E2C4"));
    }

    @Test
    void aTruncatedLastRecordRejectsTheFileAtThatRecord() {
        var bytes = HoldingsFile.many("GROWTH-01", 3).bytes();
        var parsed = parse(HOLDINGS, Arrays.copyOf(bytes, bytes.length - 30));
        assertThat(parsed.outcome().fatal()).isTrue();
        assertThat(parsed.errors()).last().satisfies(e -> {
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.byteOffset()).isEqualTo(400);
            assertThat(e.reason()).isEqualTo("truncated record: the file ends 70 bytes into record 5 (at byte offset 400), which should have 100 bytes");
        });
    }

    @Test
    void aTrailerCountOrHashTotalThatDisagreesRejectsTheFileWithTheFigures() {
        var count = parse(HOLDINGS, HoldingsFile.many("GROWTH-01", 3).trailerCount(4).bytes());
        assertThat(count.outcome().fatal()).isTrue();
        assertThat(count.outcome().fatalReason()).isEqualTo("record 5 (byte offset 401), field TRL-RECORD-COUNT [00000004]: "
                + "trailer record count 4 does not match the 3 detail records of the file");
        assertThat(count.errors()).last().satisfies(e -> {
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.field()).isEqualTo("TRL-RECORD-COUNT");
            assertThat(e.reason()).isEqualTo("trailer record count 4 does not match the 3 detail records of the file");
        });
        var hash = parse(HOLDINGS, HoldingsFile.many("GROWTH-01", 3).trailerHash("60.70").bytes());
        assertThat(hash.outcome().fatal()).isTrue();
        assertThat(hash.errors()).last().satisfies(e -> assertThat(e.reason())
                .isEqualTo("trailer hash total 60.70 does not match 60.75, the sum of DTL-MARKET-VALUE over the 3 detail records (difference -0.05)"));
    }

    @Test
    void aWrongCodePageStopsAtTheFirstRecord() {
        var ascii = FeedFixture.withRecords(HOLDINGS, r -> new FeedDefinition.Records(r.copybook(), r.layout(), "ASCII", r.framing(),
                r.recordLength(), r.recordType(), r.columns(), r.control()));
        var parsed = parse(ascii, HoldingsFile.many("GROWTH-01", 2).bytes());
        assertThat(parsed.outcome().fatal()).isTrue();
        assertThat(parsed.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.byteOffset()).isZero();
            assertThat(e.field()).isEqualTo("REC-TYPE");
            assertThat(e.rawHex()).isEqualTo("C8");
            assertThat(e.reason()).startsWith("the first record is not the header: REC-TYPE holds no text (not text in code page ASCII: byte 0xC8")
                    .endsWith("(is the declared code page ASCII the file's?)");
        });
    }

    @ParameterizedTest
    @EnumSource(value = CodePage.class, names = {"CP1047", "CP500", "CP273", "ASCII"})
    void everyCodePageReadsAFileWrittenInIt(CodePage codePage) {
        var feed = FeedFixture.withRecords(HOLDINGS, r -> new FeedDefinition.Records(r.copybook(), r.layout(), codePage.name(), r.framing(),
                r.recordLength(), r.recordType(), r.columns(), r.control()));
        var parsed = parse(feed, HoldingsFile.many("GROWTH-01", 3).codePage(codePage).bytes());
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.outcome().validRows()).isEqualTo(3);
    }

    @Test
    void unknownRecordTypesAndMisplacedHeadersAndTrailers() {
        var unknown = parse(HOLDINGS, HoldingsFile.many("GROWTH-01", 3).damage(3, r -> r[0] = (byte) 0xE7).trailerCount(3).bytes());
        assertThat(unknown.outcome().fatal()).isFalse();
        assertThat(unknown.errors()).extracting(RowError::reason).containsExactly("unknown record type: REC-TYPE holds 'X'; declared: [H, D, T]",
                "hash total of DTL-MARKET-VALUE not verified: 1 detail records have no readable DTL-MARKET-VALUE");
        assertThat(unknown.outcome().badRows()).isEqualTo(1);

        var noTrailer = parse(HOLDINGS, HoldingsFile.many("GROWTH-01", 2).withoutTrailer().bytes());
        assertThat(noTrailer.outcome().fatalReason()).contains("no trailer record: the file ends with record 3 (at byte offset 200)");
        var secondHeader = parse(HOLDINGS, HoldingsFile.many("GROWTH-01", 2).damage(3, r -> r[0] = (byte) 0xC8).bytes());
        assertThat(secondHeader.outcome().fatalReason()).contains("a second header at record 3");
        var empty = parse(HOLDINGS, new byte[0]);
        assertThat(empty.outcome().fatalReason()).contains("empty file");
    }

    @Test
    void rdwFramedRecordsReadTheSameAndAShortOneIsAWrongRecordLength() {
        var rdw = FeedFixture.withRecords(HOLDINGS, r -> new FeedDefinition.Records(r.copybook(), r.layout(), r.codePage(), "rdw",
                r.recordLength(), r.recordType(), r.columns(), r.control()));
        var fixed = HoldingsFile.many("GROWTH-01", 3).bytes();
        var out = new ByteArrayOutputStream();
        for (int i = 0; i < fixed.length / 100; i++) {
            int length = i == 2 ? 40 : 100;
            out.writeBytes(new byte[] {0, (byte) (length + 4), 0, 0});
            out.write(fixed, i * 100, length);
        }
        var parsed = parse(rdw, out.toByteArray());
        assertThat(parsed.outcome().rows()).isEqualTo(3);
        assertThat(parsed.outcome().validRows()).isEqualTo(2);
        assertThat(parsed.errors()).extracting(RowError::reason).contains("wrong record length: record 3 has 40 bytes, a detail record needs at least 62",
                "hash total of DTL-MARKET-VALUE not verified: 1 detail records have no readable DTL-MARKET-VALUE");
    }

    @Test
    void theJsonLayoutIsEquivalentToTheCopybook() {
        var entries = List.of(
                new FeedDefinition.LayoutEntry(1, "HOLDINGS-RECORD", null, null, null, null),
                new FeedDefinition.LayoutEntry(5, "REC-TYPE", "X", null, null, null),
                new FeedDefinition.LayoutEntry(5, "HDR-DATA", null, null, null, null),
                new FeedDefinition.LayoutEntry(10, "HDR-RUN-DATE", "9(8)", null, null, null),
                new FeedDefinition.LayoutEntry(10, null, "X(91)", null, null, null),
                new FeedDefinition.LayoutEntry(5, "DTL-DATA", null, null, null, "HDR-DATA"),
                new FeedDefinition.LayoutEntry(10, "DTL-ACCOUNT", "X(10)", null, null, null),
                new FeedDefinition.LayoutEntry(10, "DTL-BUCKET", "X(12)", null, null, null),
                new FeedDefinition.LayoutEntry(10, "DTL-SECURITY", "X(12)", null, null, null),
                new FeedDefinition.LayoutEntry(10, "DTL-QUANTITY", "S9(11)V9(4)", "COMP-3", null, null),
                new FeedDefinition.LayoutEntry(10, "DTL-MARKET-VALUE", "S9(13)V9(2)", "COMP-3", null, null),
                new FeedDefinition.LayoutEntry(10, "DTL-CURRENCY", "X(3)", null, null, null),
                new FeedDefinition.LayoutEntry(10, "DTL-AS-OF-DATE", "9(8)", null, null, null),
                new FeedDefinition.LayoutEntry(10, "FILLER", "X(38)", null, null, null),
                new FeedDefinition.LayoutEntry(5, "TRL-DATA", null, null, null, "HDR-DATA"),
                new FeedDefinition.LayoutEntry(10, "TRL-RECORD-COUNT", "9(9)", "COMP", null, null),
                new FeedDefinition.LayoutEntry(10, "TRL-HASH-TOTAL", "S9(15)V9(2)", "COMP-3", null, null));
        var json = FeedFixture.withRecords(HOLDINGS, r -> new FeedDefinition.Records(null, entries, r.codePage(), r.framing(),
                r.recordLength(), r.recordType(), r.columns(), r.control()));
        var file = HoldingsFile.many("GROWTH-01", 4).bytes();
        assertThat(parse(json, file).rows()).usingRecursiveComparison().isEqualTo(parse(HOLDINGS, file).rows());
    }

    @Test
    void aDeclarationTheDecoderCannotHonourIsRefusedWithEveryProblem() {
        var bad = FeedFixture.withRecords(HOLDINGS, r -> new FeedDefinition.Records(r.copybook(), null, "CP037", "fixed", 50,
                r.recordType(), java.util.Map.of("quantity", FeedDefinition.ColumnSource.field("HDR-RUN-DATE"),
                        "nope", FeedDefinition.ColumnSource.field("DTL-ACCOUNT")), r.control()));
        assertThatThrownBy(() -> RecordFeed.of(bad)).hasMessageContaining("recordLength 50 is shorter than the copybook's 100 bytes")
                .hasMessageContaining("columns maps 'nope', which is not a column of the feed")
                .hasMessageContaining("column account_id is required but mapped to no field or constant")
                .hasMessageContaining("column quantity maps HDR-RUN-DATE, which is not a field of detail records");
        var huge = FeedFixture.withRecords(HOLDINGS, r -> new FeedDefinition.Records(r.copybook(), null, "CP037", "fixed", 1 << 30,
                r.recordType(), r.columns(), r.control()));
        assertThatThrownBy(() -> RecordFeed.of(huge)).hasMessageContaining("longer than 1048576");
    }
}
