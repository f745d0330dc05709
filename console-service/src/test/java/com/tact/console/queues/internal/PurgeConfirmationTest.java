package com.tact.console.queues.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PurgeConfirmationTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-05-01T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final byte[] key = "a-test-key-of-enough-bytes".getBytes(StandardCharsets.UTF_8);
    private final PurgeConfirmation confirmation = new PurgeConfirmation(key, Duration.ofMinutes(2), clock);

    @Test
    void aTokenConfirmsTheQueueAndUserItWasIssuedFor() {
        String token = confirmation.issue("local-inbound-files-dlq", "alice");
        assertThat(confirmation.verify("local-inbound-files-dlq", "alice", token)).isTrue();
        assertThat(confirmation.verify("local-inbound-files", "alice", token)).as("another queue").isFalse();
        assertThat(confirmation.verify("local-inbound-files-dlq", "bob", token)).as("another user").isFalse();
    }

    @Test
    void aTokenIsGoodForAtLeastOneWindowAndAtMostTwo() {
        now.set(Instant.parse("2026-05-01T10:01:59Z")); // the end of a window
        String token = confirmation.issue("q", "alice");
        now.set(Instant.parse("2026-05-01T10:03:58Z"));
        assertThat(confirmation.verify("q", "alice", token)).isTrue();
        now.set(Instant.parse("2026-05-01T10:04:00Z"));
        assertThat(confirmation.verify("q", "alice", token)).isFalse();
    }

    @Test
    void anotherKeyOrAGarbledTokenDoesNotConfirm() {
        String token = confirmation.issue("q", "alice");
        var otherInstance = new PurgeConfirmation(PurgeConfirmation.randomKey(), Duration.ofMinutes(2), clock);
        assertThat(otherInstance.verify("q", "alice", token)).isFalse();
        assertThat(confirmation.verify("q", "alice", token.substring(1))).isFalse();
        assertThat(confirmation.verify("q", "alice", "")).isFalse();
        assertThat(confirmation.verify("q", "alice", null)).isFalse();
    }

    @Test
    void fieldsCannotBeShiftedBetweenQueueAndUser() {
        assertThat(confirmation.verify("q:5:alice", "x", confirmation.issue("q", "alice:x"))).isFalse();
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new PurgeConfirmation(new byte[8], Duration.ofMinutes(2), clock))
                .hasMessageContaining("16 bytes");
    }
}
