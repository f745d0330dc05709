package com.tact.inbound.copybook;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;

/**
 * Decodes and encodes the fields of one code page. Text (X) through the code page's table, trailing spaces
 * dropped; zoned decimal with the trailing overpunched sign (EBCDIC: zone nibble F, C, A, E positive, D, B negative;
 * ASCII: {@code {A-I} positive, {@code }J-R} and {@code p-y} negative); packed decimal (COMP-3: a digit per nibble,
 * the last nibble the sign); big-endian binary (COMP: held to the PIC's digits; COMP-5: the full binary range).
 * Numbers come out in plain notation with the PIC's decimal places ({@code -12.50}); negative zero is zero.
 */
public final class FieldCodec {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final BigInteger UNSIGNED_LONG = BigInteger.ONE.shiftLeft(64);

    /** A decoded value, or why the bytes are not one (then {@code value} is null). Blank text and blank zoned are "". */
    public record Decoded(String value, String problem) {

        static Decoded of(String value) {
            return new Decoded(value, null);
        }

        static Decoded bad(String problem) {
            return new Decoded(null, problem);
        }

        public boolean ok() {
            return problem == null;
        }
    }

    private final CodePage codePage;
    private final char[] table;
    private final StringBuilder text = new StringBuilder(64);

    public FieldCodec(CodePage codePage) {
        this.codePage = codePage;
        this.table = codePage.table();
    }

    public CodePage codePage() {
        return codePage;
    }

    /** The field's bytes in hex, e.g. {@code 00012C}; what fits of it when the record is shorter. */
    public static String hex(byte[] record, int recordLength, Field f) {
        int end = Math.min(recordLength, f.offset() + f.length());
        return f.offset() >= end ? "" : HEX.formatHex(record, f.offset(), end);
    }

    public Decoded decode(byte[] record, int recordLength, Field f) {
        if (f.offset() + f.length() > recordLength) {
            return Decoded.bad("wrong record length: the record has " + recordLength + " bytes, field " + f.name()
                    + " needs bytes " + (f.offset() + 1) + "-" + (f.offset() + f.length()));
        }
        return switch (f.kind()) {
            case ALPHANUMERIC -> text(record, f);
            case ZONED -> codePage.ebcdic() ? zonedEbcdic(record, f) : zonedAscii(record, f);
            case PACKED -> packed(record, f);
            case BINARY, NATIVE_BINARY -> binary(record, f);
        };
    }

    private Decoded text(byte[] record, Field f) {
        text.setLength(0);
        int end = f.offset() + f.length();
        for (int i = f.offset(); i < end; i++) {
            char c = table[record[i] & 0xFF];
            if (c == CodePage.NOT_TEXT) {
                return Decoded.bad("not text in code page " + codePage + ": byte 0x" + HEX.toHexDigits(record[i])
                        + " at position " + (i - f.offset() + 1));
            }
            text.append(c);
        }
        int len = text.length();
        while (len > 0 && text.charAt(len - 1) == ' ') {
            len--;
        }
        text.setLength(len);
        return Decoded.of(text.toString());
    }

    private boolean blank(byte[] record, Field f) {
        byte space = codePage.space();
        for (int i = f.offset(); i < f.offset() + f.length(); i++) {
            if (record[i] != space) {
                return false;
            }
        }
        return true;
    }

    private Decoded zonedEbcdic(byte[] record, Field f) {
        if (blank(record, f)) {
            return Decoded.of("");
        }
        long small = 0;
        var digits = f.digits() > 18 ? new char[f.digits()] : null;
        int last = f.offset() + f.length() - 1;
        boolean negative = false;
        for (int i = f.offset(); i <= last; i++) {
            int zone = (record[i] >> 4) & 0xF;
            int digit = record[i] & 0xF;
            int pos = i - f.offset() + 1;
            if (i < last && zone != 0xF) {
                return Decoded.bad("invalid zone nibble 0x" + HEX.toHexDigits((byte) zone).charAt(1) + " in digit " + pos
                        + " (zoned digits are 0xF0-0xF9)");
            }
            if (i == last) {
                var sign = sign(zone, f, "zoned");
                if (sign.problem() != null) {
                    return sign;
                }
                negative = sign.value().equals("-");
            }
            if (digit > 9) {
                return Decoded.bad("bad digit nibble 0x" + Character.toUpperCase(Character.forDigit(digit, 16)) + " in digit " + pos);
            }
            small = accumulate(small, digits, i - f.offset(), digit);
        }
        return Decoded.of(number(small, digits, negative, f));
    }

    private Decoded zonedAscii(byte[] record, Field f) {
        if (blank(record, f)) {
            return Decoded.of("");
        }
        long small = 0;
        var digits = f.digits() > 18 ? new char[f.digits()] : null;
        int last = f.offset() + f.length() - 1;
        boolean negative = false;
        for (int i = f.offset(); i <= last; i++) {
            int b = record[i] & 0xFF;
            int digit;
            int pos = i - f.offset() + 1;
            if (b >= '0' && b <= '9') {
                digit = b - '0';
            } else if (i == last && (b == '{' || (b >= 'A' && b <= 'I'))) {
                digit = b == '{' ? 0 : b - 'A' + 1;
            } else if (i == last && (b == '}' || (b >= 'J' && b <= 'R') || (b >= 'p' && b <= 'y'))) {
                if (!f.signed()) {
                    return Decoded.bad("invalid sign: negative overpunch '" + (char) b + "' in unsigned field");
                }
                digit = b == '}' ? 0 : b >= 'p' ? b - 'p' : b - 'J' + 1;
                negative = true;
            } else {
                return Decoded.bad(i == last ? "invalid sign: byte 0x" + HEX.toHexDigits((byte) b) + " is no digit or overpunched sign"
                        : "not a digit: byte 0x" + HEX.toHexDigits((byte) b) + " in digit " + pos);
            }
            small = accumulate(small, digits, i - f.offset(), digit);
        }
        return Decoded.of(number(small, digits, negative, f));
    }

    private Decoded packed(byte[] record, Field f) {
        int nibbles = f.length() * 2 - 1;
        int pad = nibbles - f.digits();
        long small = 0;
        var digits = f.digits() > 18 ? new char[f.digits()] : null;
        int d = 0;
        for (int n = 0; n < nibbles; n++) {
            byte b = record[f.offset() + n / 2];
            int nibble = n % 2 == 0 ? (b >> 4) & 0xF : b & 0xF;
            if (n < pad) {
                if (nibble != 0) {
                    return Decoded.bad("bad packed nibble 0x" + hexNibble(nibble) + " in byte " + (n / 2 + 1)
                            + ": the pad nibble of an even-digit field must be 0");
                }
                continue;
            }
            if (nibble > 9) {
                return Decoded.bad("bad packed nibble 0x" + hexNibble(nibble) + " in byte " + (n / 2 + 1) + " (digit " + (d + 1) + ")");
            }
            small = accumulate(small, digits, d++, nibble);
        }
        var sign = sign(record[f.offset() + f.length() - 1] & 0xF, f, "packed");
        if (sign.problem() != null) {
            return sign;
        }
        return Decoded.of(number(small, digits, sign.value().equals("-"), f));
    }

    private static Decoded sign(int nibble, Field f, String what) {
        return switch (nibble) {
            case 0xC, 0xA, 0xE, 0xF -> Decoded.of("+");
            case 0xB, 0xD -> f.signed() ? Decoded.of("-")
                    : Decoded.bad("invalid sign: negative sign nibble 0x" + hexNibble(nibble) + " in unsigned " + what + " field");
            default -> Decoded.bad("invalid sign nibble 0x" + hexNibble(nibble) + " (expected C, D or F)");
        };
    }

    private static char hexNibble(int nibble) {
        return Character.toUpperCase(Character.forDigit(nibble, 16));
    }

    private Decoded binary(byte[] record, Field f) {
        long raw = 0;
        for (int i = 0; i < f.length(); i++) {
            raw = (raw << 8) | (record[f.offset() + i] & 0xFF);
        }
        BigInteger unscaled;
        int bits = f.length() * 8;
        if (f.signed()) {
            raw = bits == 64 ? raw : (raw << (64 - bits)) >> (64 - bits);
            unscaled = BigInteger.valueOf(raw);
        } else {
            unscaled = raw < 0 ? BigInteger.valueOf(raw).add(UNSIGNED_LONG) : BigInteger.valueOf(raw);
        }
        if (f.kind() == Field.Kind.BINARY && unscaled.abs().compareTo(BigInteger.TEN.pow(f.digits())) >= 0) {
            return Decoded.bad("binary value " + unscaled + " has more digits than " + f.picture());
        }
        return Decoded.of(new BigDecimal(unscaled, f.scale()).toPlainString());
    }

    private static long accumulate(long small, char[] digits, int index, int digit) {
        if (digits != null) {
            digits[index] = (char) ('0' + digit);
            return 0;
        }
        return small * 10 + digit;
    }

    private static String number(long small, char[] digits, boolean negative, Field f) {
        var unscaled = digits == null ? BigInteger.valueOf(small) : new BigInteger(new String(digits));
        var value = new BigDecimal(negative ? unscaled.negate() : unscaled, f.scale());
        return value.toPlainString();
    }

    /**
     * Writes a value into the field's bytes: text padded with spaces, numbers with the PIC's decimal places (no
     * rounding), positive signs as C (packed, zoned) or F when unsigned.
     *
     * @throws IllegalArgumentException when the value does not fit the field
     */
    public void encode(Field f, String value, byte[] record) {
        if (f.kind() == Field.Kind.ALPHANUMERIC) {
            encodeText(f, value == null ? "" : value, record);
            return;
        }
        var number = value == null || value.isBlank() ? BigDecimal.ZERO : new BigDecimal(value.trim());
        BigInteger unscaled;
        try {
            unscaled = number.setScale(f.scale()).unscaledValue();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(value + " has more than " + f.scale() + " decimal places for " + f.name());
        }
        if (unscaled.signum() < 0 && !f.signed()) {
            throw new IllegalArgumentException(value + " is negative; " + f.name() + " is unsigned");
        }
        var magnitude = unscaled.abs().toString();
        if (f.kind() != Field.Kind.NATIVE_BINARY && magnitude.length() > f.digits()) {
            throw new IllegalArgumentException(value + " has more digits than " + f.name() + " " + f.picture());
        }
        boolean negative = unscaled.signum() < 0;
        switch (f.kind()) {
            case ZONED -> {
                var padded = "0".repeat(f.digits() - magnitude.length()) + magnitude;
                for (int i = 0; i < f.length(); i++) {
                    int digit = padded.charAt(i) - '0';
                    boolean last = i == f.length() - 1;
                    if (codePage.ebcdic()) {
                        int zone = !last || !f.signed() ? 0xF : negative ? 0xD : 0xC;
                        record[f.offset() + i] = (byte) ((zone << 4) | digit);
                    } else {
                        record[f.offset() + i] = (byte) (last && negative ? (digit == 0 ? '}' : 'J' + digit - 1) : '0' + digit);
                    }
                }
            }
            case PACKED -> {
                int nibbles = f.length() * 2 - 1;
                var padded = "0".repeat(nibbles - magnitude.length()) + magnitude;
                int sign = !f.signed() ? 0xF : negative ? 0xD : 0xC;
                for (int i = 0; i < f.length(); i++) {
                    int high = padded.charAt(2 * i) - '0';
                    int low = 2 * i + 1 < nibbles ? padded.charAt(2 * i + 1) - '0' : sign;
                    record[f.offset() + i] = (byte) ((high << 4) | low);
                }
            }
            default -> {
                int bits = f.length() * 8;
                if (unscaled.bitLength() > (f.signed() ? bits - 1 : bits)) {
                    throw new IllegalArgumentException(value + " does not fit the " + bits + " bits of " + f.name());
                }
                long raw = unscaled.longValue();
                for (int i = f.length() - 1; i >= 0; i--) {
                    record[f.offset() + i] = (byte) raw;
                    raw >>= 8;
                }
            }
        }
    }

    private void encodeText(Field f, String value, byte[] record) {
        if (value.length() > f.length()) {
            throw new IllegalArgumentException("'" + value + "' is longer than the " + f.length() + " characters of " + f.name());
        }
        for (int i = 0; i < f.length(); i++) {
            char c = i < value.length() ? value.charAt(i) : ' ';
            int b = codePage.byteOf(c);
            if (b < 0) {
                throw new IllegalArgumentException("'" + c + "' cannot be written in code page " + codePage);
            }
            record[f.offset() + i] = (byte) b;
        }
    }
}
