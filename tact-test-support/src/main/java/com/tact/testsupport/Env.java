package com.tact.testsupport;

import java.time.Duration;

/**
 * The environment ./tact test exports to each module's run (AWS_*, TACT_*), and how patient a test may be: every
 * wait is {@link #timeout(int)}, scaled by TACT_IT_TIME_SCALE (default 3) for a loaded 2-core machine. A bound a
 * test asserts (an upper limit on a duration) is not scaled.
 */
public final class Env {

    public static final int TIME_SCALE = Integer.parseInt(get("TACT_IT_TIME_SCALE", "3"));

    private Env() {
    }

    public static String get(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    public static String required(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(name + " is not set: run the tests through ./tact test");
        }
        return v;
    }

    public static Duration timeout(int seconds) {
        return Duration.ofSeconds((long) seconds * TIME_SCALE);
    }
}
