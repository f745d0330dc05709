package com.tact.console.queues.internal;

import com.tact.console.errors.ConsoleException;
import com.tact.console.errors.ConsoleException.Kind;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What SQS accepts in a message, checked before sending so that the caller hears which part is wrong: the body's
 * characters, the attributes' names and count, and the size of body plus attributes (256 KiB in SQS).
 */
public final class MessageRules {

    public static final int MAX_ATTRIBUTES = 10;
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");

    private MessageRules() {
    }

    public static void check(String body, Map<String, String> attributes, int maxBytes) {
        if (body == null || body.isEmpty()) {
            throw ConsoleException.invalid("body", "body-missing", "body must not be empty");
        }
        int invalid = firstInvalidCharacter(body);
        if (invalid >= 0) {
            throw ConsoleException.invalid("body", "body-invalid-character",
                    "body has a character SQS does not allow at index " + invalid
                            + " (allowed: tab, LF, CR, U+0020 to U+D7FF, U+E000 to U+FFFD, U+10000 and above)");
        }
        long size = body.getBytes(StandardCharsets.UTF_8).length;
        if (attributes != null) {
            if (attributes.size() > MAX_ATTRIBUTES) {
                throw ConsoleException.invalid("attributes", "too-many-attributes",
                        "at most " + MAX_ATTRIBUTES + " attributes, not " + attributes.size());
            }
            for (var e : attributes.entrySet()) {
                String name = e.getKey();
                String lower = name.toLowerCase(java.util.Locale.ROOT);
                if (!ATTRIBUTE_NAME.matcher(name).matches() || name.startsWith(".") || name.endsWith(".")
                        || name.contains("..") || lower.startsWith("aws.") || lower.startsWith("amazon.")) {
                    throw ConsoleException.invalid("attributes", "attribute-name-invalid", "attribute name '"
                            + name.replaceAll("\\p{Cntrl}", "?") + "' is not allowed: 1 to 256 of A-Z a-z 0-9 _ - ., no "
                            + "leading, trailing or double '.', not starting with AWS. or Amazon.");
                }
                String value = e.getValue();
                if (value == null || value.isEmpty() || firstInvalidCharacter(value) >= 0) {
                    throw ConsoleException.invalid("attributes." + name, "attribute-value-invalid",
                            "attribute " + name + " needs a non-empty value of characters SQS allows");
                }
                size += name.getBytes(StandardCharsets.UTF_8).length + "String".length()
                        + value.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        if (size > maxBytes) {
            throw new ConsoleException(Kind.TOO_LARGE, "message-too-large", "body", "the message is " + size
                    + " bytes (body and attributes); at most " + maxBytes, Map.of("maxBytes", maxBytes), null);
        }
    }

    private static int firstInvalidCharacter(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000;
            if (!ok) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }
}
