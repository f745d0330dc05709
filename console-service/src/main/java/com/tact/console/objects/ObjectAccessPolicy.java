package com.tact.console.objects;

import com.tact.console.config.ConsoleProperties;
import com.tact.console.errors.ConsoleException;
import com.tact.console.errors.ConsoleException.Kind;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the console may touch in S3: the configured buckets and, in each, only keys under its allowed prefixes.
 * Keys and prefixes are checked as text before any S3 call, so that nothing a caller sends reaches S3 unless it
 * names an allowed place plainly: no dot segments, no leading slash, no backslash, no control characters, at
 * most 1024 bytes (S3's own limit).
 */
public final class ObjectAccessPolicy {

    public static final int MAX_KEY_BYTES = 1024;

    private final Map<String, List<String>> prefixesByBucket = new LinkedHashMap<>();

    public ObjectAccessPolicy(List<ConsoleProperties.Bucket> buckets) {
        for (var bucket : buckets) {
            for (var prefix : bucket.prefixes()) {
                if (!prefix.isEmpty()) {
                    // a configured prefix must itself pass the checks a caller's prefix passes
                    checkText("prefix", prefix);
                }
            }
            prefixesByBucket.put(bucket.name(), List.copyOf(bucket.prefixes()));
        }
    }

    public record AllowedBucket(String name, List<String> prefixes) {
    }

    public List<AllowedBucket> buckets() {
        return prefixesByBucket.entrySet().stream().map(e -> new AllowedBucket(e.getKey(), e.getValue())).toList();
    }

    /** An unknown bucket is refused (403) whatever else the request says. */
    public List<String> checkBucket(String bucket) {
        var prefixes = prefixesByBucket.get(bucket);
        if (prefixes == null) {
            throw new ConsoleException(Kind.FORBIDDEN, "bucket-not-allowed", "bucket",
                    "bucket '" + printable(bucket) + "' is not one of the suite's buckets the console may read",
                    Map.of("allowedBuckets", List.copyOf(prefixesByBucket.keySet())), null);
        }
        return prefixes;
    }

    /** An object key: well formed and under one of the bucket's prefixes. */
    public void checkKey(String bucket, String key) {
        var prefixes = checkBucket(bucket);
        if (key == null || key.isEmpty()) {
            throw ConsoleException.invalid("key", "key-missing", "key is required");
        }
        checkText("key", key);
        checkUnder("key", key, prefixes);
    }

    /** A listing prefix: well formed and at or under one of the bucket's prefixes ("" only if the whole bucket is allowed). */
    public void checkPrefix(String bucket, String prefix) {
        var prefixes = checkBucket(bucket);
        if (!prefix.isEmpty()) {
            checkText("prefix", prefix);
        }
        checkUnder("prefix", prefix, prefixes);
    }

    /** An opaque value passed on to S3 (a version id, a continuation token): bounded and printable. */
    public static void checkToken(String parameter, String value) {
        if (value == null) {
            return;
        }
        if (value.isEmpty() || value.length() > 4096 || value.chars().anyMatch(Character::isISOControl)) {
            throw ConsoleException.invalid(parameter, parameter + "-malformed",
                    parameter + " must be 1 to 4096 printable characters");
        }
    }

    private static void checkText(String parameter, String value) {
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(value)) {
            throw ConsoleException.invalid(parameter, parameter + "-invalid-unicode",
                    parameter + " is not valid Unicode (an unpaired surrogate)");
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            throw ConsoleException.invalid(parameter, parameter + "-too-long",
                    parameter + " is " + bytes + " bytes in UTF-8; S3 allows at most " + MAX_KEY_BYTES);
        }
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029) {
                throw ConsoleException.invalid(parameter, parameter + "-control-character",
                        parameter + " contains a control character (U+%04X) at index %d".formatted(cp, i));
            }
            i += Character.charCount(cp);
        }
        if (value.startsWith("/")) {
            throw ConsoleException.invalid(parameter, parameter + "-leading-slash",
                    parameter + " must not start with '/': S3 keys are relative to the bucket");
        }
        int backslash = value.indexOf('\\');
        if (backslash >= 0) {
            throw ConsoleException.invalid(parameter, parameter + "-backslash",
                    parameter + " contains a backslash at index " + backslash);
        }
        String[] segments = value.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].equals("..") || segments[i].equals(".")) {
                throw ConsoleException.invalid(parameter, parameter + "-dot-segment",
                        parameter + " contains a '" + segments[i] + "' segment (segment " + (i + 1) + ")");
            }
        }
    }

    private static void checkUnder(String parameter, String value, List<String> prefixes) {
        for (var prefix : prefixes) {
            if (value.startsWith(prefix)) {
                return;
            }
        }
        throw new ConsoleException(Kind.INVALID, parameter + "-outside-allowed-prefixes", parameter,
                parameter + " '" + printable(value) + "' is not under an allowed prefix of this bucket",
                Map.of("allowedPrefixes", prefixes), null);
    }

    private static String printable(String value) {
        if (value == null) {
            return "";
        }
        var out = new StringBuilder();
        value.codePoints().limit(200).forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return out.toString();
    }
}
