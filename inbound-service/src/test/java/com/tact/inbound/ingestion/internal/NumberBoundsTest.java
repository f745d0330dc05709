package com.tact.inbound.ingestion.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.tact.inbound.ingestion.FeedDefinition;
import com.tact.inbound.ingestion.FeedFixture;
import com.tact.inbound.ingestion.RowError;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Numbers are bounded before any arithmetic: the 72-byte file with driftTolerance 1E-999999999 once made the
 * service allocate a gigabyte (toPlainString) and die of OutOfMemoryError.
 */
class NumberBoundsTest {

    private final List<RowError> errors = new ArrayList<>();
    private final List<String[]> rows = new ArrayList<>();

    private FeedParser.Outcome attributes(String value) {
        var csv = "bucket_id,attribute,value,source\nB1,driftTolerance," + value + ",RISK\n";
        return FeedParser.parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), FeedFixture.bucketAttributes(),
                Set.of("RISK"), (line, values) -> rows.add(values), errors::add);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1E-999999999 | more than 38 decimal places",
            "-1E-999999999 | more than 38 decimal places",
            "1E+999999999 | more than 38 digits before the decimal point",
            "1E+2147483647 | more than 38 digits before the decimal point",
            "0.000000000000000000000000000000000000001 | more than 38 decimal places",
            "123456789012345678901234567890123456789 | more than 38 digits before the decimal point",
            "NaN | not a decimal number",
            "Infinity | not a decimal number",
            "0x1F | not a decimal number"})
    void hugeOrTinyOrNonNumbersAreLocatedRowErrorsAndCheap(String value, String reason) {
        long started = System.nanoTime();
        var outcome = attributes(value);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(outcome.badRows()).isEqualTo(1);
        assertThat(rows).isEmpty();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2L);
            assertThat(e.columnNo()).isEqualTo(3);
            assertThat(e.column()).isEqualTo("value");
            assertThat(e.reason()).contains(reason);
        });
    }

    @Test
    void aNumberWrittenWithTooManyCharactersIsRefusedUnparsedAndItsValueShownCut() {
        var value = "0." + "0".repeat(300) + "1";
        attributes(value);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.reason()).contains("number written with 303 characters, more than 100");
            assertThat(e.reason().length()).isLessThan(320);
            assertThat(e.value()).hasSizeLessThanOrEqualTo(203);
        });
    }

    @ParameterizedTest
    @CsvSource({"0E-999999999, 0", "0E+999999999, 0", "0.000, 0.000", "1.5E-1, 0.15", "0.05, 0.05", "5E-38, 0.00000000000000000000000000000000000005"})
    void numbersWithinTheBoundsAreAcceptedInPlainNotation(String value, String stored) {
        var outcome = attributes(value);
        assertThat(errors).isEmpty();
        assertThat(outcome.validRows()).isEqualTo(1);
        assertThat(rows.getFirst()[2]).isEqualTo(stored);
    }

    @Test
    void integersAtTheBoundsAreNormalisedAndBeyondAreRefused() {
        assertThat(RowValidator.boundedNumber("9".repeat(38), FeedDefinition.Type.INTEGER).problem()).isNull();
        assertThat(RowValidator.boundedNumber("1E+37", FeedDefinition.Type.INTEGER).stripped().toBigIntegerExact())
                .hasToString("1" + "0".repeat(37));
        assertThat(RowValidator.boundedNumber("9".repeat(39), FeedDefinition.Type.INTEGER).problem()).contains("too large");
        assertThat(RowValidator.boundedNumber("1E+38", FeedDefinition.Type.INTEGER).problem()).contains("too large");
    }

    @Test
    void datesNeedAFourDigitYearThatPostgresCanHold() {
        var csv = "bucket_id,security_id,weight,effective_date,source\n"
                + "B1,S1,1,+999999999-12-31,VENDOR\nB1,S2,1,10000-01-01,VENDOR\nB1,S3,1,2026-11-26,VENDOR\n";
        var outcome = FeedParser.parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), FeedFixture.allocations(),
                Set.of("VENDOR"), (line, values) -> rows.add(values), errors::add);
        assertThat(outcome.validRows()).isEqualTo(1);
        assertThat(errors).extracting(RowError::line).containsExactly(2L, 3L);
        assertThat(errors).allSatisfy(e -> assertThat(e.reason()).startsWith("not a date (expected yyyy-MM-dd)"));
    }

    @Test
    void aPatternThatOverflowsTheStackOnALongValueIsARowErrorNotACrash() {
        var feed = FeedFixture.withPattern(FeedFixture.allocations(), "security_id", "^([A-Z]|[0-9])*$");
        var csv = "bucket_id,security_id,weight,effective_date,source\nB1," + "A".repeat(60_000) + ",1,2026-11-26,VENDOR\n";
        var outcome = FeedParser.parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), feed,
                Set.of("VENDOR"), (line, values) -> rows.add(values), errors::add);
        assertThat(outcome.badRows()).isEqualTo(1);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2L);
            assertThat(e.column()).isEqualTo("security_id");
            assertThat(e.reason()).contains("too complex to check against");
        });
    }
}
