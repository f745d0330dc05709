package com.tact.shared.logging;

/**
 * Text from outside (S3 keys, header values, partner answers) made safe for a log line: CR, LF and other
 * control characters become '_', so that a crafted key cannot forge log lines; very long text is cut.
 */
public final class LogSafe {

    private static final int MAX = 1024;

    private LogSafe() {
    }

    public static String text(String value) {
        if (value == null) {
            return null;
        }
        var out = new StringBuilder(Math.min(value.length(), MAX) + 3);
        for (int i = 0; i < value.length() && i < MAX; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '_' : c);
        }
        if (value.length() > MAX) {
            out.append("...");
        }
        return out.toString();
    }
}
