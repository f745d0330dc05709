package com.tact.inbound.copybook;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property tests of the field decoder: values generated at random (fixed seeds, so a failure repeats), written by
 * the test's own encoder ({@link MainframeBytes}) with every sign nibble, decoded, and compared. Each case names its
 * seed and input on failure.
 */
class FieldCodecPropertyTest {

    private static final int CASES = 5_000;
    private static final int[] POSITIVE = {0xA, 0xC, 0xE, 0xF};
    private static final int[] NEGATIVE = {0xB, 0xD};

    private static Field field(Field.Kind kind, int digits, int scale, boolean signed, int length) {
        return new Field("F", 3, length, kind, digits, scale, signed, List.of(), false);
    }

    /** A magnitude of at most {@code digits} digits, biased to the edges: zero, one, all nines. */
    private static BigInteger magnitude(Random random, int digits) {
        return switch (random.nextInt(6)) {
            case 0 -> BigInteger.ZERO;
            case 1 -> BigInteger.ONE;
            case 2 -> BigInteger.TEN.pow(digits).subtract(BigInteger.ONE);
            default -> new BigInteger(digits * 4, random).mod(BigInteger.TEN.pow(digits));
        };
    }

    private static BigDecimal expected(BigInteger magnitude, boolean negative, int scale) {
        return new BigDecimal(negative ? magnitude.negate() : magnitude, scale);
    }

    @Test
    void packedRoundTripsEveryDigitCountScaleAndSignNibble() {
        var random = new Random(3);
        var codec = new FieldCodec(CodePage.CP037);
        for (int c = 0; c < CASES; c++) {
            int digits = 1 + random.nextInt(Picture.MAX_DIGITS);
            int scale = random.nextInt(digits + 1);
            boolean signed = random.nextBoolean();
            boolean negative = signed && random.nextBoolean();
            int sign = negative ? NEGATIVE[random.nextInt(2)] : signed ? POSITIVE[random.nextInt(4)] : random.nextBoolean() ? 0xF : 0xC;
            var magnitude = magnitude(random, digits);
            var f = field(Field.Kind.PACKED, digits, scale, signed, digits / 2 + 1);
            var bytes = MainframeBytes.packed(magnitude, digits, sign);
            var decoded = codec.decode(MainframeBytes.record(f.offset() + f.length() + 2, (byte) 0x40, 3, bytes), 999, f);
            var why = "case " + c + ": " + magnitude + " sign " + Integer.toHexString(sign) + " in " + f.picture();
            assertThat(decoded.problem()).as(why).isNull();
            assertThat(new BigDecimal(decoded.value())).as(why).isEqualByComparingTo(expected(magnitude, negative, scale));
            assertThat(new BigDecimal(decoded.value()).scale()).as(why).isEqualTo(scale);
        }
    }

    @Test
    void zonedRoundTripsInEbcdicAndAscii() {
        var random = new Random(5);
        var ebcdic = new FieldCodec(CodePage.CP1047);
        var ascii = new FieldCodec(CodePage.ASCII);
        for (int c = 0; c < CASES; c++) {
            int digits = 1 + random.nextInt(Picture.MAX_DIGITS);
            int scale = random.nextInt(digits + 1);
            boolean signed = random.nextBoolean();
            boolean negative = signed && random.nextBoolean();
            var magnitude = magnitude(random, digits);
            var f = field(Field.Kind.ZONED, digits, scale, signed, digits);
            int zone = negative ? NEGATIVE[random.nextInt(2)] : signed ? POSITIVE[random.nextInt(4)] : 0xF;
            var why = "case " + c + ": " + magnitude + (negative ? " negative" : "") + " in " + f.picture();
            var e = ebcdic.decode(MainframeBytes.record(digits + 5, (byte) 0x40, 3, MainframeBytes.zonedEbcdic(magnitude, digits, zone)), 999, f);
            assertThat(e.problem()).as(why).isNull();
            assertThat(new BigDecimal(e.value())).as(why).isEqualByComparingTo(expected(magnitude, negative, scale));
            var a = ascii.decode(MainframeBytes.record(digits + 5, (byte) 0x20, 3, MainframeBytes.zonedAscii(magnitude, digits, negative)), 999, f);
            assertThat(a.problem()).as(why).isNull();
            assertThat(new BigDecimal(a.value())).as(why).isEqualByComparingTo(expected(magnitude, negative, scale));
        }
    }

    @Test
    void binaryRoundTripsSignedAndUnsignedCompAndComp5() {
        var random = new Random(7);
        var codec = new FieldCodec(CodePage.CP500);
        for (int c = 0; c < CASES; c++) {
            int digits = 1 + random.nextInt(18);
            int bytes = digits <= 4 ? 2 : digits <= 9 ? 4 : 8;
            boolean signed = random.nextBoolean();
            int scale = random.nextInt(digits + 1);
            long max = BigInteger.TEN.pow(digits).subtract(BigInteger.ONE).longValue();
            long value = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> max;
                default -> Math.floorMod(random.nextLong(), max + 1);
            };
            if (signed && random.nextBoolean()) {
                value = -value;
            }
            var f = field(Field.Kind.BINARY, digits, scale, signed, bytes);
            var decoded = codec.decode(MainframeBytes.record(bytes + 5, (byte) 0, 3, MainframeBytes.binary(value, bytes)), 999, f);
            assertThat(decoded.problem()).as("case " + c + ": " + value + " in " + f.picture()).isNull();
            assertThat(new BigDecimal(decoded.value())).isEqualByComparingTo(BigDecimal.valueOf(value, scale));
        }
        var comp5 = field(Field.Kind.NATIVE_BINARY, 4, 0, false, 2);
        assertThat(codec.decode(MainframeBytes.record(10, (byte) 0, 3, new byte[] {(byte) 0xFF, (byte) 0xFF}), 10, comp5).value())
                .as("COMP-5 uses the whole halfword").isEqualTo("65535");
        var comp = field(Field.Kind.BINARY, 4, 0, false, 2);
        assertThat(codec.decode(MainframeBytes.record(10, (byte) 0, 3, new byte[] {(byte) 0xFF, (byte) 0xFF}), 10, comp).problem())
                .contains("more digits than 9(4) COMP");
        var unsigned64 = field(Field.Kind.NATIVE_BINARY, 18, 0, false, 8);
        assertThat(codec.decode(MainframeBytes.record(12, (byte) 0xFF, 3, MainframeBytes.binary(-1, 8)), 12, unsigned64).value())
                .isEqualTo("18446744073709551615");
    }

    @Test
    void negativeZeroIsZeroWithThePicturesScale() {
        var codec = new FieldCodec(CodePage.CP037);
        var packed = field(Field.Kind.PACKED, 7, 2, true, 4);
        var bytes = MainframeBytes.packed(BigInteger.ZERO, 7, 0xD);
        assertThat(codec.decode(MainframeBytes.record(10, (byte) 0x40, 3, bytes), 10, packed).value()).isEqualTo("0.00");
        var zoned = field(Field.Kind.ZONED, 3, 0, true, 3);
        assertThat(codec.decode(MainframeBytes.record(10, (byte) 0x40, 3, MainframeBytes.zonedEbcdic(BigInteger.ZERO, 3, 0xD)), 10, zoned).value())
                .isEqualTo("0");
        assertThat(new FieldCodec(CodePage.ASCII).decode(MainframeBytes.record(10, (byte) 0x20, 3,
                MainframeBytes.zonedAscii(BigInteger.ZERO, 3, true)), 10, zoned).value()).isEqualTo("0");
    }

    @Test
    void maximumDigitsDecodeExactly() {
        var codec = new FieldCodec(CodePage.CP037);
        var nines = BigInteger.TEN.pow(31).subtract(BigInteger.ONE);
        var f = field(Field.Kind.PACKED, 31, 2, true, 16);
        var decoded = codec.decode(MainframeBytes.record(20, (byte) 0, 3, MainframeBytes.packed(nines, 31, 0xD)), 20, f);
        assertThat(decoded.value()).isEqualTo("-" + "9".repeat(29) + ".99");
        var zoned = field(Field.Kind.ZONED, 31, 0, false, 31);
        assertThat(codec.decode(MainframeBytes.record(40, (byte) 0, 3, MainframeBytes.zonedEbcdic(nines, 31, 0xF)), 40, zoned).value())
                .isEqualTo("9".repeat(31));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
    void everyNonSignNibbleInTheSignPositionIsAnInvalidSign(int nibble) {
        var codec = new FieldCodec(CodePage.CP037);
        var f = field(Field.Kind.PACKED, 5, 0, true, 3);
        var bytes = MainframeBytes.packed(BigInteger.valueOf(12345), 5, nibble);
        assertThat(codec.decode(MainframeBytes.record(10, (byte) 0, 3, bytes), 10, f).problem())
                .isEqualTo("invalid sign nibble 0x" + nibble + " (expected C, D or F)");
    }

    @ParameterizedTest
    @ValueSource(ints = {0xA, 0xB, 0xC, 0xD, 0xE, 0xF})
    void everyNonDigitNibbleInADigitPositionIsABadPackedNibble(int nibble) {
        var codec = new FieldCodec(CodePage.CP037);
        var f = field(Field.Kind.PACKED, 5, 0, true, 3);
        var bytes = MainframeBytes.packed(BigInteger.valueOf(12345), 5, 0xC);
        bytes[1] = (byte) (nibble << 4 | (bytes[1] & 0xF));
        assertThat(codec.decode(MainframeBytes.record(10, (byte) 0, 3, bytes), 10, f).problem())
                .startsWith("bad packed nibble 0x" + Integer.toHexString(nibble).toUpperCase() + " in byte 2 (digit 3)");
    }

    @ParameterizedTest
    @ValueSource(ints = {0xB, 0xD})
    void aNegativeSignInAnUnsignedFieldIsAnInvalidSign(int nibble) {
        var codec = new FieldCodec(CodePage.CP037);
        var f = field(Field.Kind.PACKED, 5, 0, false, 3);
        assertThat(codec.decode(MainframeBytes.record(10, (byte) 0, 3, MainframeBytes.packed(BigInteger.TEN, 5, nibble)), 10, f).problem())
                .startsWith("invalid sign: negative sign nibble");
    }

    @Test
    void thePadNibbleOfAnEvenDigitPackedFieldMustBeZero() {
        var codec = new FieldCodec(CodePage.CP037);
        var f = field(Field.Kind.PACKED, 4, 0, true, 3);
        assertThat(codec.decode(MainframeBytes.record(10, (byte) 0, 3, new byte[] {0x11, 0x23, 0x4C}), 10, f).problem())
                .contains("pad nibble");
    }

    @Test
    void zonedRejectsBadZonesAndDigitsAndReadsBlankAsEmpty() {
        var codec = new FieldCodec(CodePage.CP037);
        var f = field(Field.Kind.ZONED, 3, 0, true, 3);
        assertThat(codec.decode(MainframeBytes.record(10, (byte) 0x40, 3, new byte[] {(byte) 0xF1, (byte) 0xC2, (byte) 0xC3}), 10, f).problem())
                .startsWith("invalid zone nibble 0xC in digit 2");
        assertThat(codec.decode(MainframeBytes.record(10, (byte) 0x40, 3, new byte[] {(byte) 0xF1, (byte) 0xFA, (byte) 0xC3}), 10, f).problem())
                .startsWith("bad digit nibble 0xA in digit 2");
        assertThat(codec.decode(MainframeBytes.record(10, (byte) 0x40, 3, new byte[] {(byte) 0xF1, (byte) 0xF2, (byte) 0x43}), 10, f).problem())
                .startsWith("invalid sign nibble 0x4");
        assertThat(codec.decode(MainframeBytes.record(10, (byte) 0x40, 0, new byte[0]), 10, f).value()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(CodePage.class)
    void mainEncoderAndDecoderAgreeForEveryCodePage(CodePage codePage) {
        var random = new Random(11);
        var codec = new FieldCodec(codePage);
        for (int c = 0; c < 2_000; c++) {
            var kind = Field.Kind.values()[1 + random.nextInt(4)];
            int digits = 1 + random.nextInt(kind == Field.Kind.ZONED || kind == Field.Kind.PACKED ? Picture.MAX_DIGITS : 18);
            int scale = random.nextInt(digits + 1);
            int length = switch (kind) {
                case PACKED -> digits / 2 + 1;
                case ZONED -> digits;
                default -> digits <= 4 ? 2 : digits <= 9 ? 4 : 8;
            };
            var f = new Field("F", 0, length, kind, digits, scale, true, List.of(), false);
            var value = expected(magnitude(random, digits), random.nextBoolean(), scale);
            var record = new byte[length];
            codec.encode(f, value.toPlainString(), record);
            assertThat(new BigDecimal(codec.decode(record, length, f).value())).as(f.picture() + " " + value).isEqualByComparingTo(value);
        }
        var text = new Field("T", 0, 12, Field.Kind.ALPHANUMERIC, 12, 0, false, List.of(), false);
        var record = new byte[12];
        codec.encode(text, "AB-12 xy", record);
        assertThat(codec.decode(record, 12, text).value()).isEqualTo("AB-12 xy");
    }

    @Test
    void textInTheWrongCodePageIsReportedNotMisread() {
        var ebcdicText = "HOLDINGS".getBytes(java.nio.charset.Charset.forName("IBM037"));
        var f = new Field("T", 0, 8, Field.Kind.ALPHANUMERIC, 8, 0, false, List.of(), false);
        assertThat(new FieldCodec(CodePage.ASCII).decode(ebcdicText, 8, f).problem()).isEqualTo("not text in code page ASCII: byte 0xC8 at position 1");
        assertThat(new FieldCodec(CodePage.CP037).decode(ebcdicText, 8, f).value()).isEqualTo("HOLDINGS");
        assertThat(new FieldCodec(CodePage.CP273).decode("[]".getBytes(java.nio.charset.Charset.forName("IBM273")), 2,
                new Field("T", 0, 2, Field.Kind.ALPHANUMERIC, 2, 0, false, List.of(), false)).value()).isEqualTo("[]");
    }

    @Test
    void aFieldBeyondTheRecordIsAWrongRecordLength() {
        var f = field(Field.Kind.PACKED, 5, 0, true, 3);
        assertThat(new FieldCodec(CodePage.CP037).decode(new byte[10], 4, f).problem()).startsWith("wrong record length: the record has 4 bytes");
    }
}
