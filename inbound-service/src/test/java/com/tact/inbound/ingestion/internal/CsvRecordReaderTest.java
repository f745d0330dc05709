package com.tact.inbound.ingestion.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {

    private static List<CsvRecordReader.Line> read(byte[] bytes) throws Exception {
        var lines = new ArrayList<CsvRecordReader.Line>();
        try (var reader = new CsvRecordReader(new ByteArrayInputStream(bytes))) {
            CsvRecordReader.Line line;
            while ((line = reader.next()) != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static List<CsvRecordReader.Line> read(String text) throws Exception {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void quotedFieldsKeepCommasQuotesAndNewlinesAndLinesCountPhysically() throws Exception {
        var lines = read("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"multi\nline\",z\nlast,1\n");
        assertThat(lines).extracting(CsvRecordReader.Line::values).containsExactly(
                List.of("a", "b"), List.of("x, y", "say \"hi\""), List.of("multi\nline", "z"), List.of("last", "1"));
        assertThat(lines).extracting(CsvRecordReader.Line::number).containsExactly(1L, 2L, 3L, 5L);
    }

    @Test
    void crlfAndByteOrderMarkAreHandled() throws Exception {
        var lines = read("\uFEFFbucket_id,weight\r\nB1,1.5\r\nB2,2\r\n");
        assertThat(lines.get(0).values()).containsExactly("bucket_id", "weight");
        assertThat(lines.get(2).values()).containsExactly("B2", "2");
        assertThat(lines.get(2).number()).isEqualTo(3);
    }

    @Test
    void blankLinesAreSkippedButCounted() throws Exception {
        var lines = read("h\n\nv\n");
        assertThat(lines).extracting(CsvRecordReader.Line::number).containsExactly(1L, 3L);
    }

    @Test
    void nonUtf8IsReportedWithItsLine() {
        var bytes = new byte[] {'h', '\n', 'o', 'k', '\n', (byte) 0xC3, (byte) 0x28, '\n'};
        assertThatThrownBy(() -> read(bytes))
                .isInstanceOf(CsvRecordReader.MalformedCsvException.class)
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void nulBytesMeanBinaryContent() {
        assertThatThrownBy(() -> read("h\nab\0c\n"))
                .isInstanceOfSatisfying(CsvRecordReader.MalformedCsvException.class, e -> assertThat(e.line).isEqualTo(2))
                .hasMessageContaining("binary");
    }

    @Test
    void unterminatedQuoteIsMalformed() {
        assertThatThrownBy(() -> read("h,i\n\"open,1\n"))
                .isInstanceOf(CsvRecordReader.MalformedCsvException.class)
                .hasMessageContaining("malformed CSV");
    }
}
