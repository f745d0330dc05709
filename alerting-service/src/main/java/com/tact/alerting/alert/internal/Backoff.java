package com.tact.alerting.alert.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter on the upper half, capped: initial, 2x, 4x, ... max. */
public record Backoff(Duration initial, Duration max) {

    public Duration after(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        long cap = max.toMillis();
        long base = initial.toMillis() << Math.min(failures - 1, 30);
        long ceiling = base <= 0 || base > cap ? cap : base;
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }
}
