package com.tact.alerting.alert.internal;

import com.tact.alerting.alert.AlertRejectedException;
import com.tact.alerting.alert.AlertRejectedException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Text rules of alerts: strict UTF-8, what Postgres can store, and what SNS accepts as a subject. */
public final class AlertText {

    private static final int SNS_SUBJECT_MAX = 99;

    private AlertText() {
    }

    /** Decodes strictly: a malformed byte sequence is an error, never a replacement character. */
    public static String decodeUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AlertRejectedException(Reason.INVALID, "body is not valid UTF-8");
        }
    }

    public static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) bytes += 1;
            else if (c < 0x800) bytes += 2;
            else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else bytes += 3;
        }
        return bytes;
    }

    /** Postgres text holds no NUL, and a lone surrogate (a JSON "\ud800") has no UTF-8 form. */
    public static void requireStorable(String field, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                throw new AlertRejectedException(Reason.INVALID, field + " contains a NUL character");
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new AlertRejectedException(Reason.INVALID, field + " is not valid Unicode (unpaired surrogate)");
            }
        }
    }

    public static String required(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new AlertRejectedException(Reason.INVALID, field + " is required");
        }
        if (value.length() > maxLength) {
            throw new AlertRejectedException(Reason.INVALID, field + " is longer than " + maxLength + " characters");
        }
        requireStorable(field, value);
        return value;
    }

    /**
     * SNS subjects (the e-mail subject line) must be ASCII, without control characters, under 100 characters.
     */
    public static String snsSubject(String severity, String title) {
        var sb = new StringBuilder("[").append(severity).append("] ");
        for (int i = 0; i < title.length() && sb.length() < SNS_SUBJECT_MAX; i++) {
            char c = title.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : (Character.isWhitespace(c) ? ' ' : '?'));
        }
        return sb.toString().strip();
    }

    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
