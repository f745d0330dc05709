package com.tact.inbound.ingestion.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CSV reader never buffers more than one field or one record of its limits, whatever the stream holds. */
class BoundedInputTest {

    private static final BoundedCsvReader.Limits SMALL = new BoundedCsvReader.Limits(100, 1000);

    /** An endless stream of one byte, counting how much of it was read. */
    private static final class Endless extends InputStream {
        final byte fill;
        long read;

        Endless(char fill) {
            this.fill = (byte) fill;
        }

        @Override
        public int read() {
            read++;
            return fill;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, fill);
            read += len;
            return len;
        }
    }

    private static List<CsvRecordReader.Line> readAll(InputStream in, BoundedCsvReader.Limits limits) throws Exception {
        var lines = new ArrayList<CsvRecordReader.Line>();
        try (var reader = new CsvRecordReader(in, limits)) {
            CsvRecordReader.Line line;
            while ((line = reader.next()) != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anUnterminatedQuoteStopsAtTheFieldLimitWithoutReadingTheRestOfTheStream() {
        var rest = new Endless('x');
        var in = new SequenceInputStream(text("a,b\nok,1\n\"never closed,"), rest);
        assertThatThrownBy(() -> readAll(in, SMALL))
                .isInstanceOfSatisfying(CsvRecordReader.MalformedCsvException.class, e -> {
                    assertThat(e.line).isEqualTo(3);
                    assertThat(e.getMessage()).contains("field 1", "line 3", "longer than 100 characters");
                });
        // the reader's buffers, not the stream: far less than the gigabytes behind it
        assertThat(rest.read).isLessThan(1 << 20);
    }

    @Test
    void aLongUnquotedLineStopsAtTheRecordLimit() {
        var line = new StringBuilder("a,b\n");
        for (int i = 0; i < 50; i++) {
            line.append("0123456789012345678901234567890123456789,");
        }
        assertThatThrownBy(() -> readAll(text(line + "\n"), SMALL))
                .isInstanceOfSatisfying(CsvRecordReader.MalformedCsvException.class, e -> {
                    assertThat(e.line).isEqualTo(2);
                    assertThat(e.getMessage()).contains("record starting on line 2", "longer than 1000 characters");
                });
    }

    @Test
    void quotedLineBreaksAndEscapedQuotesCountTowardsTheFieldNotAsItsEnd() throws Exception {
        // 3 quoted lines of 40 characters: 120 characters in one field, over 100
        var field = "\"" + "x".repeat(40) + "\n" + "\"\"".repeat(20) + "\r\n" + "y".repeat(40) + "\"";
        assertThatThrownBy(() -> readAll(text("a,b\n" + field + ",1\n"), SMALL))
                .isInstanceOf(CsvRecordReader.MalformedCsvException.class).hasMessageContaining("field 1");
        // within the limit the same shapes read fine, and every line ending resets the counts
        var lines = readAll(text("a,b\r\n\"" + "x".repeat(30) + "\n" + "\"\"".repeat(10) + "\",1\r" + ("z".repeat(90) + ",2\n").repeat(50)), SMALL);
        assertThat(lines).hasSize(52);
        assertThat(lines.get(1).values().getFirst()).hasSize(30 + 1 + 10);
        assertThat(lines.get(2).number()).isEqualTo(4);
    }

    @Test
    void fieldsUpToTheLimitAreRead() throws Exception {
        var lines = readAll(text("a,b\n" + "v".repeat(100) + "," + "w".repeat(100) + "\n"), SMALL);
        assertThat(lines.get(1).values()).containsExactly("v".repeat(100), "w".repeat(100));
    }

    @Test
    void spreadsheetFormulasAreNeutralisedAndOtherTextIsNot() {
        assertThat(SpreadsheetSafe.text("=cmd|' /C calc'!A0")).isEqualTo("'=cmd|' /C calc'!A0");
        assertThat(SpreadsheetSafe.text("+1")).isEqualTo("'+1");
        assertThat(SpreadsheetSafe.text("-x")).isEqualTo("'-x");
        assertThat(SpreadsheetSafe.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(SpreadsheetSafe.text("\t=1")).isEqualTo("'\t=1");
        assertThat(SpreadsheetSafe.text("EQUITY")).isEqualTo("EQUITY");
        assertThat(SpreadsheetSafe.text("")).isEmpty();
        assertThat(SpreadsheetSafe.text(null)).isNull();
    }
}
