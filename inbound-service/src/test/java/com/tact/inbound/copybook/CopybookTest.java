package com.tact.inbound.copybook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CopybookTest {

    static final String HOLDINGS = """
            000100* TACT holdings extract, fixed format with sequence numbers                 HOLD0001
            000200 01  HOLDINGS-RECORD.                                                       HOLD0002
            000300     05  REC-TYPE                PIC X.                                     HOLD0003
            000400     05  HDR-DATA.
            000500         10  HDR-RUN-DATE        PIC 9(8).
            000600         10  FILLER              PIC X(91).
            000700     05  DTL-DATA REDEFINES HDR-DATA.
            000800         10  DTL-ACCOUNT         PIC X(10).
            000900         10  DTL-QUANTITY        PIC S9(11)V9(4) COMP-3.
            001000         10  DTL-LOTS            OCCURS 3 TIMES.
            001100             15  LOT-QTY         PIC S9(5)    COMP.
            001200             15  LOT-PRICE   PIC 9(3)V99 USAGE PACKED-DECIMAL.
            001300         10  FILLER              PIC X(10).
            001400     05  TRL-DATA REDEFINES HDR-DATA.
            001500         10  TRL-COUNT           PIC 9(9) COMP-5.
            001550             88  TRL-EMPTY       VALUE 0.
            001600         10  TRL-HASH            PIC S9(15)V99 COMP-3.
            """;

    @Test
    void fixedFormatCopybookGivesOffsetsLengthsAndKinds() {
        var layout = RecordLayout.of(HOLDINGS);
        assertThat(layout.length()).isEqualTo(100);
        assertThat(layout.field("REC-TYPE")).satisfies(f -> {
            assertThat(f.offset()).isZero();
            assertThat(f.length()).isEqualTo(1);
            assertThat(f.alternative()).isFalse();
        });
        assertThat(layout.field("HDR-RUN-DATE")).satisfies(f -> {
            assertThat(f.offset()).isEqualTo(1);
            assertThat(f.kind()).isEqualTo(Field.Kind.ZONED);
            assertThat(f.alternative()).isTrue();
            assertThat(f.within("HDR-DATA")).isTrue();
        });
        assertThat(layout.field("DTL-ACCOUNT").offset()).as("a REDEFINES starts where the redefined item does").isEqualTo(1);
        assertThat(layout.field("DTL-QUANTITY")).satisfies(f -> {
            assertThat(f.offset()).isEqualTo(11);
            assertThat(f.length()).isEqualTo(8);
            assertThat(f.digits()).isEqualTo(15);
            assertThat(f.scale()).isEqualTo(4);
            assertThat(f.signed()).isTrue();
        });
        assertThat(layout.field("LOT-QTY(1)")).satisfies(f -> {
            assertThat(f.offset()).isEqualTo(19);
            assertThat(f.kind()).isEqualTo(Field.Kind.BINARY);
            assertThat(f.length()).isEqualTo(4);
        });
        assertThat(layout.field("LOT-PRICE(1)").offset()).isEqualTo(23);
        assertThat(layout.field("LOT-PRICE(1)").kind()).isEqualTo(Field.Kind.PACKED);
        assertThat(layout.field("LOT-QTY(3)").offset()).as("OCCURS flattened: 7 bytes per lot").isEqualTo(33);
        assertThat(layout.field("TRL-COUNT").kind()).isEqualTo(Field.Kind.NATIVE_BINARY);
        assertThat(layout.field("TRL-HASH").offset()).isEqualTo(5);
        assertThat(layout.fields()).filteredOn(f -> f.within("DTL-DATA")).extracting(Field::name)
                .containsExactly("DTL-ACCOUNT", "DTL-QUANTITY", "LOT-QTY(1)", "LOT-PRICE(1)", "LOT-QTY(2)", "LOT-PRICE(2)",
                        "LOT-QTY(3)", "LOT-PRICE(3)", "FILLER");
    }

    @Test
    void freeFormatFragmentsAndGroupUsageWork() {
        var layout = RecordLayout.of("""
                *> a fragment without 01
                05 A PIC X(2).
                05 AMOUNTS COMP-3.
                   10 AMT OCCURS 2 PIC S9(3)V9.
                05 GRID.
                   10 ROW OCCURS 2.
                      15 CELL OCCURS 2 PIC 9.
                05 PIC X(3).
                """);
        assertThat(layout.field("AMT(2)").kind()).as("the group's COMP-3 applies to its items").isEqualTo(Field.Kind.PACKED);
        assertThat(layout.field("AMT(2)").offset()).isEqualTo(5);
        assertThat(layout.field("CELL(2,1)").offset()).isEqualTo(10);
        assertThat(layout.length()).isEqualTo(15);
    }

    @Test
    void severalLevel01RecordsShareTheirBytes() {
        var layout = RecordLayout.of("""
                01 HEADER.
                   05 H-TYPE PIC X.
                   05 H-DATE PIC 9(8).
                01 DETAIL.
                   05 D-TYPE PIC X.
                   05 D-AMOUNT PIC S9(7)V99 COMP-3.
                   05 D-NAME PIC X(20).
                """);
        assertThat(layout.field("D-TYPE").offset()).isZero();
        assertThat(layout.length()).isEqualTo(26);
        assertThat(layout.field("H-DATE").alternative()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "01 R. 05 A PIC 9(5) COMP-1.|COMP-1 (floating point) is not supported",
            "01 R. 05 A PIC Z(5).|'Z' is not supported",
            "01 R. 05 N PIC 9. 05 A OCCURS 1 TO 5 DEPENDING ON N PIC X.|OCCURS DEPENDING ON",
            "01 R. 05 A PIC S9(5) SIGN LEADING SEPARATE.|only the trailing overpunched sign",
            "01 R. 05 A PIC X(3). 05 B REDEFINES C PIC X(3).|which is not the item before it",
            "01 R. 05 A PIC X(3) COMP-3.|an alphanumeric PIC must be DISPLAY",
            "01 R. 05 A PIC 9(32).|32 digits, more than 31",
            "01 R. 05 A PIC 9(19) COMP.|a binary field has at most 18 digits",
            "01 R. 05 A PIC X(3)|does not end with a period",
            "01 R. 05 A PIC X SYNC.|SYNC",
            "01 R. 66 B RENAMES A.|level 66",
    })
    void whatTheDecoderCannotHonourIsRefusedWithTheReason(String copybook, String reason) {
        assertThatThrownBy(() -> RecordLayout.of(copybook.replace(". ", ".\n"))).isInstanceOf(CopybookException.class).hasMessageContaining(reason);
    }

    @Test
    void valuesAndLevel88AreSkippedAndLineNumbersReported() {
        var layout = RecordLayout.of("""
                01 R.
                   05 T PIC X VALUE 'H'.
                      88 IS-HEADER VALUE 'H' 'X'.
                   05 N PIC 9(3) VALUE ZERO.
                """);
        assertThat(layout.field("N").offset()).isEqualTo(1);
        assertThatThrownBy(() -> RecordLayout.of("01 R.\n   05 A PIC X.\n   05 B PIC Q.\n")).hasMessageStartingWith("line 3: ");
        assertThatThrownBy(() -> layout.field("NOPE")).hasMessage("the layout has no field NOPE");
    }
}
