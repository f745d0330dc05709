package com.tact.alerting.alert.internal;

import com.tact.alerting.alert.NotificationPublisher;
import com.tact.alerting.alert.NotificationPublisher.PublishException;
import com.tact.alerting.config.AlertingProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes stored alerts, one topic at a time in id order, one alert per transaction. The topic's advisory lock
 * makes a single instance publish a topic at once, so the order holds across instances. A retryable failure backs
 * the whole topic off (the next alert would meet the same cut network path or missing topic), records the reason
 * on the alert and keeps it at the head: after recovery the topic drains in order. A permanent failure (SNS
 * refuses the message itself) marks the alert FAILED.
 */
@Component
public class AlertOutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertOutboxRelay.class);

    enum Outcome { PUBLISHED, FAILED_PERMANENTLY, EMPTY, BUSY, RATE_LIMITED, RETRY_LATER }

    private final AlertRepository alerts;
    private final Counter failedAlerts;
    private final NotificationPublisher publisher;
    private final TransactionTemplate tx;
    private final AlertingProperties.Outbox settings;
    private final Duration shutdownTimeout;
    private final List<String> topics;
    private final TopicBackoffs backoffs;
    private volatile ScheduledExecutorService scheduler;

    AlertOutboxRelay(AlertRepository alerts, NotificationPublisher publisher, TransactionTemplate tx,
                     AlertingProperties properties, TopicBackoffs backoffs, MeterRegistry meters) {
        this.alerts = alerts;
        this.publisher = publisher;
        this.tx = tx;
        this.settings = properties.outbox();
        this.shutdownTimeout = properties.shutdownTimeout();
        this.topics = properties.topics().keySet().stream().sorted().toList();
        this.backoffs = backoffs;
        // what the CloudWatch alarm on alerts FAILED watches
        this.failedAlerts = meters.counter("tact.alerting.alerts.failed");
        Gauge.builder("tact.alerting.outbox.stored", alerts, AlertRepository::countStored)
                .description("alerts stored and not yet published").register(meters);
        // an SNS outage shows here, in tact.alerting.outbox.failing and in the alerts' lastError, not as a DOWN
        // health: restarting would not help
        Gauge.builder("tact.alerting.outbox.oldest.age", alerts, AlertRepository::oldestStoredAgeSeconds)
                .baseUnit("seconds").description("age of the oldest alert not yet published").register(meters);
    }

    @Override
    public void start() {
        var executor = Executors.newScheduledThreadPool(topics.size(), Thread.ofPlatform().name("alert-relay-", 0)
                .daemon().factory());
        long every = settings.pollInterval().toMillis();
        for (String topic : topics) {
            executor.scheduleWithFixedDelay(() -> drain(topic), every, every, TimeUnit.MILLISECONDS);
        }
        scheduler = executor;
        log.info("alert relay started for topics {}", topics);
    }

    /**
     * Waits for a publish in progress at most the shutdown timeout, then interrupts it: its transaction rolls back
     * and the alert stays STORED for the next start (at-least-once), so a hanging SNS cannot hold the stop up.
     */
    @Override
    public void stop() {
        var executor = scheduler;
        scheduler = null;
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("alert relay still publishing after {} ms; interrupting it", shutdownTimeout.toMillis());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** Stop publishing before the web server and the connection pool go away. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }

    void drain(String topic) {
        try {
            if (backoffs.waiting(topic, Instant.now())) {
                return;
            }
            for (int i = 0; i < settings.batchSize() && scheduler != null; i++) {
                Outcome outcome = tx.execute(status -> publishNext(topic));
                if (outcome != Outcome.PUBLISHED && outcome != Outcome.FAILED_PERMANENTLY) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            // the database itself is unavailable: the next poll tries again, nothing was marked
            log.warn("alert relay for topic {} could not run: {}", topic, e.toString());
        }
    }

    Outcome publishNext(String topic) {
        if (!alerts.tryLockTopic(topic)) {
            return Outcome.BUSY;
        }
        var next = alerts.nextPending(topic);
        if (next.isEmpty()) {
            return Outcome.EMPTY;
        }
        if (alerts.publishedSince(topic, Duration.ofMinutes(1)) >= settings.ratePerMinute(topic)) {
            return Outcome.RATE_LIMITED;
        }
        var pending = next.get();
        try {
            var published = publisher.publish(pending.notification());
            alerts.markPublished(pending.id(), published.messageId(), published.payloadPointer());
            if (backoffs.succeeded(topic)) {
                log.info("topic {} is reachable again", topic);
            }
            return Outcome.PUBLISHED;
        } catch (PublishException e) {
            if (!e.retryable()) {
                failedAlerts.increment();
                log.error("alert {} refused by SNS, marked FAILED: {}", pending.notification().alertId(), e.getMessage());
                alerts.markFailed(pending.id(), e.getMessage());
                return Outcome.FAILED_PERMANENTLY;
            }
            return retryLater(topic, pending, e.getMessage());
        } catch (RuntimeException e) {
            // a defect in the publishing path: recorded and backed off like an outage, never a tight loop
            log.error("publishing alert {} failed unexpectedly", pending.notification().alertId(), e);
            return retryLater(topic, pending, "unexpected error: " + e);
        }
    }

    private Outcome retryLater(String topic, AlertRepository.Pending pending, String error) {
        alerts.markAttemptFailed(pending.id(), error);
        Duration wait = backoffs.failed(topic, error, Instant.now());
        log.warn("publishing to topic {} failed ({} in a row), next try in {} ms: {}", topic,
                backoffs.failing(topic).map(TopicBackoffs.Failing::failures).orElse(0), wait.toMillis(), error);
        return Outcome.RETRY_LATER;
    }
}
