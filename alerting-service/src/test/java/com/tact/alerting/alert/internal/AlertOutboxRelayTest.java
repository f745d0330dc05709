package com.tact.alerting.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.tact.alerting.alert.Notification;
import com.tact.alerting.alert.NotificationPublisher;
import com.tact.alerting.alert.NotificationPublisher.PublishException;
import com.tact.alerting.alert.NotificationPublisher.Published;
import com.tact.alerting.alert.Severity;
import com.tact.alerting.alert.internal.AlertOutboxRelay.Outcome;
import com.tact.alerting.config.AlertingProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

class AlertOutboxRelayTest {

    private final AlertRepository alerts = mock(AlertRepository.class);
    private final NotificationPublisher publisher = mock(NotificationPublisher.class);
    private final AlertingProperties properties = AlertingFixture.properties(Map.of("info", 2));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TopicBackoffs backoffs = new TopicBackoffs(properties, meters);
    private final AlertOutboxRelay relay = new AlertOutboxRelay(alerts, publisher, mock(TransactionTemplate.class),
            properties, backoffs, meters);

    private final AlertRepository.Pending pending = new AlertRepository.Pending(7, new Notification(UUID.randomUUID(),
            "info", Severity.INFO, "test", "k", "title", "body", 1));

    @Test
    void publishesTheHeadAndRecordsTheMessageId() {
        givenHead();
        when(publisher.publish(any())).thenReturn(new Published("m-1", null));

        assertThat(relay.publishNext("info")).isEqualTo(Outcome.PUBLISHED);
        verify(alerts).markPublished(7, "m-1", null);
    }

    @Test
    void aFullRateWindowKeepsTheAlertStored() {
        givenHead();
        when(alerts.publishedSince(eq("info"), any())).thenReturn(2);

        assertThat(relay.publishNext("info")).isEqualTo(Outcome.RATE_LIMITED);
        verify(publisher, never()).publish(any());
    }

    @Test
    void aRetryableFailureKeepsTheAlertAtTheHeadAndBacksTheTopicOff() {
        givenHead();
        when(publisher.publish(any())).thenThrow(new PublishException("connection refused", true, null));

        assertThat(relay.publishNext("info")).isEqualTo(Outcome.RETRY_LATER);
        verify(alerts).markAttemptFailed(7, "connection refused");
        verify(alerts, never()).markFailed(anyLong(), anyString());
        assertThat(backoffs.waiting("info", java.time.Instant.now())).isTrue();
        assertThat(meters.get("tact.alerting.outbox.failing").tag("topic", "info").gauge().value()).isEqualTo(1);
    }

    @Test
    void anUnexpectedErrorIsRecordedAndBacksTheTopicOffInsteadOfRetryingAtOnce() {
        givenHead();
        when(publisher.publish(any())).thenThrow(new NullPointerException("a defect"));

        assertThat(relay.publishNext("info")).isEqualTo(Outcome.RETRY_LATER);
        verify(alerts).markAttemptFailed(eq(7L), org.mockito.ArgumentMatchers.contains("a defect"));
        assertThat(backoffs.failing("info")).hasValueSatisfying(f -> {
            assertThat(f.failures()).isEqualTo(1);
            assertThat(f.retryAt()).isAfter(f.since());
        });
    }

    @Test
    void consecutiveFailuresWaitLongerAndASuccessClearsTheTopic() {
        givenHead();
        when(publisher.publish(any())).thenThrow(new PublishException("topic x does not exist", true, null))
                .thenThrow(new PublishException("topic x does not exist", true, null))
                .thenThrow(new PublishException("topic x does not exist", true, null))
                .thenReturn(new Published("m-1", null));

        relay.publishNext("info");
        relay.publishNext("info");
        relay.publishNext("info");
        var third = backoffs.failing("info").orElseThrow();
        assertThat(third.failures()).isEqualTo(3);
        // initial 500 ms doubled twice: at least half of 2 s (full jitter on the upper half)
        assertThat(java.time.Duration.between(third.since(), third.retryAt())).isGreaterThanOrEqualTo(java.time.Duration.ofSeconds(1));
        assertThat(third.lastError()).isEqualTo("topic x does not exist");

        assertThat(relay.publishNext("info")).isEqualTo(Outcome.PUBLISHED);
        assertThat(backoffs.failing("info")).isEmpty();
        assertThat(meters.get("tact.alerting.outbox.failing").tag("topic", "info").gauge().value()).isZero();
    }

    @Test
    void aPermanentFailureMarksTheAlertFailedAndMovesOn() {
        givenHead();
        when(publisher.publish(any())).thenThrow(new PublishException("Message too long", false, null));

        assertThat(relay.publishNext("info")).isEqualTo(Outcome.FAILED_PERMANENTLY);
        verify(alerts).markFailed(7, "Message too long");
    }

    @Test
    void anotherInstanceHoldingTheTopicIsLeftAlone() {
        when(alerts.tryLockTopic("info")).thenReturn(false);

        assertThat(relay.publishNext("info")).isEqualTo(Outcome.BUSY);
        verify(alerts, never()).nextPending(anyString());
    }

    private void givenHead() {
        when(alerts.tryLockTopic("info")).thenReturn(true);
        when(alerts.nextPending("info")).thenReturn(Optional.of(pending));
        when(alerts.publishedSince(eq("info"), eq(Duration.ofMinutes(1)))).thenReturn(0);
    }
}
