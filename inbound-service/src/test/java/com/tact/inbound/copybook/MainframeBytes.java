package com.tact.inbound.copybook;

import java.math.BigInteger;

/**
 * An encoder written for the tests, independently of {@link FieldCodec}: it writes packed, zoned and binary bytes
 * the way the IBM manuals describe them, with whatever sign nibble a test asks for, so that the decoder is checked
 * against the format and not against itself.
 */
final class MainframeBytes {

    private MainframeBytes() {
    }

    /** COMP-3 of {@code digits} digits: (digits / 2 + 1) bytes, the magnitude's digits right-aligned, then the sign nibble. */
    static byte[] packed(BigInteger magnitude, int digits, int signNibble) {
        var text = magnitude.toString();
        int length = digits / 2 + 1;
        var nibbles = new int[length * 2];
        int at = nibbles.length - 2;
        for (int i = text.length() - 1; i >= 0; i--) {
            nibbles[at--] = text.charAt(i) - '0';
        }
        nibbles[nibbles.length - 1] = signNibble;
        var out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (nibbles[2 * i] << 4 | nibbles[2 * i + 1]);
        }
        return out;
    }

    /** EBCDIC zoned decimal: F-zoned digits, the last digit's zone the sign. */
    static byte[] zonedEbcdic(BigInteger magnitude, int digits, int signZone) {
        var text = "0".repeat(digits - magnitude.toString().length()) + magnitude;
        var out = new byte[digits];
        for (int i = 0; i < digits; i++) {
            int zone = i == digits - 1 ? signZone : 0xF;
            out[i] = (byte) (zone << 4 | (text.charAt(i) - '0'));
        }
        return out;
    }

    /** ASCII zoned decimal with the trailing overpunch: '{', 'A'-'I' positive, '}', 'J'-'R' negative. */
    static byte[] zonedAscii(BigInteger magnitude, int digits, boolean negative) {
        var text = "0".repeat(digits - magnitude.toString().length()) + magnitude;
        var out = new byte[digits];
        for (int i = 0; i < digits; i++) {
            int d = text.charAt(i) - '0';
            out[i] = (byte) (i < digits - 1 ? '0' + d : negative ? "}JKLMNOPQR".charAt(d) : "{ABCDEFGHI".charAt(d));
        }
        return out;
    }

    /** Big-endian two's complement in {@code bytes} bytes. */
    static byte[] binary(long value, int bytes) {
        var out = new byte[bytes];
        for (int i = bytes - 1; i >= 0; i--) {
            out[i] = (byte) value;
            value >>= 8;
        }
        return out;
    }

    /** A record of {@code length} bytes filled with {@code fill}, with {@code bytes} placed at {@code offset}. */
    static byte[] record(int length, byte fill, int offset, byte[] bytes) {
        var record = new byte[length];
        java.util.Arrays.fill(record, fill);
        System.arraycopy(bytes, 0, record, offset, bytes.length);
        return record;
    }
}
