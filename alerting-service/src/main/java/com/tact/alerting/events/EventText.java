package com.tact.alerting.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Makes whatever text an event carries fit an alert: storable in Postgres, within the field limits. */
final class EventText {

    private static final char REPLACEMENT = '\uFFFD';
    private static final String ELLIPSIS = "…";

    private EventText() {
    }

    /** NUL (Postgres text cannot hold it) and unpaired surrogates (not Unicode) become U+FFFD. */
    static String clean(String s) {
        if (s == null) {
            return null;
        }
        var sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else {
                sb.append(c == 0 || Character.isSurrogate(c) ? REPLACEMENT : c);
            }
        }
        return sb.toString();
    }

    /** Cleaned and, when longer than max characters, cut with an ellipsis (never inside a surrogate pair). */
    static String shorten(String s, int max) {
        String clean = clean(s);
        if (clean == null || clean.length() <= max) {
            return clean;
        }
        return cut(clean, max - ELLIPSIS.length()) + ELLIPSIS;
    }

    /**
     * For keys (dedup key, event id): cut like {@link #shorten} but ending in a hash of the whole value, so that
     * two long keys sharing a prefix stay two keys.
     */
    static String shortenKey(String s, int max) {
        String clean = clean(s);
        if (clean == null || clean.length() <= max) {
            return clean;
        }
        String hash = "#" + sha256(clean).substring(0, 16);
        return cut(clean, max - ELLIPSIS.length() - hash.length()) + ELLIPSIS + hash;
    }

    private static String cut(String s, int length) {
        int end = Character.isHighSurrogate(s.charAt(length - 1)) ? length - 1 : length;
        return s.substring(0, end);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
