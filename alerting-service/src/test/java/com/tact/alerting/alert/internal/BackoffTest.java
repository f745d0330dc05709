package com.tact.alerting.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60));

    @Test
    void doublesWithJitterAndStopsAtTheCap() {
        assertThat(backoff.after(0)).isZero();
        assertThat(backoff.after(1).toMillis()).isBetween(250L, 500L);
        assertThat(backoff.after(3).toMillis()).isBetween(1000L, 2000L);
        assertThat(backoff.after(40).toMillis()).isBetween(30_000L, 60_000L);
        assertThat(backoff.after(Integer.MAX_VALUE).toMillis()).isBetween(30_000L, 60_000L);
    }
}
