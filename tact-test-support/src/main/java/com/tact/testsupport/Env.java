package com.tact.testsupport;

import com.tact.testsupport.runtime.TestRuntime;
import java.time.Duration;

/**
 * The environment ./tact test exports to each module's run (AWS_*, TACT_*), and how patient a test may be: every
 * wait is {@link #timeout(int)}, scaled by TACT_IT_TIME_SCALE (default 3) for a loaded 2-core machine. A bound a
 * test asserts (an upper limit on a duration) is not scaled. With TACT_TEST_RUNTIME=containers, the variables that
 * name the emulator, Postgres and the resources come from the containers ({@link TestRuntime}) instead.
 */
public final class Env {

    public static final int TIME_SCALE = Integer.parseInt(get("TACT_IT_TIME_SCALE", "3"));

    private Env() {
    }

    public static String get(String name, String fallback) {
        String v = value(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    public static String required(String name) {
        String v = value(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(name + " is not set: run the tests through ./tact test (or, where Docker"
                    + " answers, with " + TestRuntime.SWITCH + "=containers)");
        }
        return v;
    }

    private static String value(String name) {
        return TestRuntime.provides(name) ? TestRuntime.variables().get(name) : System.getenv(name);
    }

    public static Duration timeout(int seconds) {
        return Duration.ofSeconds((long) seconds * TIME_SCALE);
    }
}
