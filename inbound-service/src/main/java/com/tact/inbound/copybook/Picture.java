package com.tact.inbound.copybook;

import java.util.Locale;

/**
 * A PICTURE string of the supported subset: alphanumeric {@code X(n)} (A counts as X), numeric {@code 9(n)} with
 * an optional leading {@code S} and an implied decimal point {@code V}. Edited pictures (Z, commas, a printed point,
 * CR/DB, +/-), P scaling and SIGN SEPARATE are refused rather than misread.
 */
record Picture(boolean alphanumeric, int digits, int scale, boolean signed) {

    /** Digits a zoned or packed field may have (ARITH(EXTEND)); binary fields up to 18. */
    static final int MAX_DIGITS = 31;
    static final int MAX_ALPHANUMERIC = 32_760;

    static Picture parse(String picture, int line) {
        var p = picture.toUpperCase(Locale.ROOT);
        boolean signed = false;
        int i = 0;
        if (p.startsWith("S")) {
            signed = true;
            i = 1;
        }
        int alpha = 0;
        int integer = 0;
        int fraction = 0;
        boolean point = false;
        while (i < p.length()) {
            char c = p.charAt(i++);
            int repeat = 1;
            if (i < p.length() && p.charAt(i) == '(') {
                int close = p.indexOf(')', i);
                if (close < 0) {
                    throw CopybookException.at(line, "PIC " + picture + ": unclosed '('");
                }
                try {
                    repeat = Integer.parseInt(p.substring(i + 1, close).trim());
                } catch (NumberFormatException e) {
                    throw CopybookException.at(line, "PIC " + picture + ": not a repeat count: " + p.substring(i + 1, close));
                }
                if (repeat < 1 || repeat > MAX_ALPHANUMERIC) {
                    throw CopybookException.at(line, "PIC " + picture + ": repeat count " + repeat + " out of range");
                }
                i = close + 1;
            }
            switch (c) {
                case 'X', 'A' -> alpha += repeat;
                case '9' -> {
                    if (point) {
                        fraction += repeat;
                    } else {
                        integer += repeat;
                    }
                }
                case 'V' -> {
                    if (point || repeat != 1) {
                        throw CopybookException.at(line, "PIC " + picture + ": more than one V");
                    }
                    point = true;
                }
                default -> throw CopybookException.at(line, "PIC " + picture + ": '" + c
                        + "' is not supported (only X, A, 9, S and V; no edited pictures, P or SIGN SEPARATE)");
            }
        }
        if (alpha > 0) {
            if (signed || point) {
                throw CopybookException.at(line, "PIC " + picture + ": an alphanumeric picture cannot have S or V");
            }
            int length = alpha + integer;
            if (length > MAX_ALPHANUMERIC) {
                throw CopybookException.at(line, "PIC " + picture + ": longer than " + MAX_ALPHANUMERIC);
            }
            return new Picture(true, length, 0, false);
        }
        int digits = integer + fraction;
        if (digits == 0) {
            throw CopybookException.at(line, "PIC " + picture + ": no digits");
        }
        if (digits > MAX_DIGITS) {
            throw CopybookException.at(line, "PIC " + picture + ": " + digits + " digits, more than " + MAX_DIGITS);
        }
        return new Picture(false, digits, fraction, signed);
    }
}
