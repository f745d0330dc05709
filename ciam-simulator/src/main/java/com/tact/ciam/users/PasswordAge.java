package com.tact.ciam.users;

import java.time.Duration;

/**
 * How old a password is and how long passwords are valid.
 *
 * @param age the time since the password was set
 * @param ttl how long a password is valid; null when passwords do not expire
 */
public record PasswordAge(Duration age, Duration ttl) {

    public boolean expired() {
        return ttl != null && age.compareTo(ttl) >= 0;
    }

    /** What the sign-in page tells a user whose password has expired. */
    public String expiredMessage() {
        return "Your password has expired (set " + words(age) + " ago, valid for " + words(ttl)
                + "). Ask an admin to reset it.";
    }

    /** {@code 1h 5m}, {@code 16m 3s}, {@code 2s}: the units a person reads, zero parts left out. */
    static String words(Duration d) {
        long seconds = Math.max(0, d.toSeconds());
        StringBuilder out = new StringBuilder();
        append(out, seconds / 86_400, "d");
        append(out, seconds % 86_400 / 3_600, "h");
        append(out, seconds % 3_600 / 60, "m");
        append(out, seconds % 60, "s");
        return out.isEmpty() ? "0s" : out.toString();
    }

    private static void append(StringBuilder out, long amount, String unit) {
        if (amount > 0) {
            out.append(out.isEmpty() ? "" : " ").append(amount).append(unit);
        }
    }
}
