package com.tact.inbound.copybook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class RecordInputTest {

    @Test
    void fixedRecordsCarryTheirNumberAndByteOffset() throws IOException {
        var input = new RecordInput(new ByteArrayInputStream(new byte[30]), RecordInput.Framing.FIXED, 10);
        assertThat(input.next()).isTrue();
        assertThat(input.next()).isTrue();
        assertThat(input.number()).isEqualTo(2);
        assertThat(input.offset()).isEqualTo(10);
        assertThat(input.next()).isTrue();
        assertThat(input.next()).isFalse();
    }

    @Test
    void aFileEndingInsideAFixedRecordIsTruncated() throws IOException {
        var input = new RecordInput(new ByteArrayInputStream(new byte[27]), RecordInput.Framing.FIXED, 10);
        input.next();
        input.next();
        assertThatThrownBy(input::next).isInstanceOf(RecordInput.FramingException.class)
                .hasMessage("truncated record: the file ends 7 bytes into record 3 (at byte offset 20), which should have 10 bytes")
                .satisfies(e -> assertThat(((RecordInput.FramingException) e).offset()).isEqualTo(20));
    }

    @Test
    void rdwRecordsHaveTheirOwnLengths() throws IOException {
        var bytes = new byte[] {0, 7, 0, 0, 1, 2, 3, 0, 5, 0, 0, 9};
        var input = new RecordInput(new ByteArrayInputStream(bytes), RecordInput.Framing.RDW, 100);
        assertThat(input.next()).isTrue();
        assertThat(input.length()).isEqualTo(3);
        assertThat(input.next()).isTrue();
        assertThat(input.length()).isEqualTo(1);
        assertThat(input.offset()).isEqualTo(7);
        assertThat(input.dataOffset()).isEqualTo(11);
        assertThat(input.buffer()[0]).isEqualTo((byte) 9);
        assertThat(input.next()).isFalse();
    }

    @Test
    void brokenRdwsAreFramingErrors() {
        assertThatThrownBy(() -> new RecordInput(new ByteArrayInputStream(new byte[] {0, 7, 1, 0, 1, 2, 3}), RecordInput.Framing.RDW, 100).next())
                .hasMessageContaining("bytes 3-4 must be zero");
        assertThatThrownBy(() -> new RecordInput(new ByteArrayInputStream(new byte[] {0, 3, 0, 0}), RecordInput.Framing.RDW, 100).next())
                .hasMessageContaining("says 3 bytes");
        assertThatThrownBy(() -> new RecordInput(new ByteArrayInputStream(new byte[] {0, 9, 0, 0, 1}), RecordInput.Framing.RDW, 100).next())
                .hasMessageContaining("truncated record: the file ends 1 bytes into record 1");
    }

    @Test
    void skipMovesOverWholeRecords() throws IOException {
        var data = new byte[50];
        data[30] = 42;
        var input = new RecordInput(new ByteArrayInputStream(data), RecordInput.Framing.FIXED, 10);
        assertThat(input.skip(3)).isTrue();
        assertThat(input.next()).isTrue();
        assertThat(input.number()).isEqualTo(4);
        assertThat(input.offset()).isEqualTo(30);
        assertThat(input.buffer()[0]).isEqualTo((byte) 42);
        assertThat(input.skip(5)).isFalse();
    }
}
