package com.tact.testsupport;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Waits that say, when they time out, what they were waiting for and what they last saw. */
public final class Awaits {

    private Awaits() {
    }

    public static <T> T until(String what, Duration atMost, Callable<T> probe, Predicate<? super T> done) {
        var last = new AtomicReference<T>();
        try {
            return Awaitility.await(what).atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
                T value = probe.call();
                last.set(value);
                return value;
            }, done::test);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("timed out after " + atMost + " waiting for " + what + "; last seen: " + last.get(), e);
        }
    }
}
