package com.tact.outbound.dispatch.internal;

import com.tact.outbound.config.OutboundProperties;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Keeps a delivery's claim and its queue message alive while the partner call is in progress (the inbound heartbeat,
 * for deliveries): every {@code dispatch.heartbeat} the beat renews the claim and, if the claim is still this
 * holder's, extends the message's visibility. A beat that finds the claim gone marks the delivery lost.
 */
@Component
public class DeliveryHeartbeat implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeliveryHeartbeat.class);

    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    private final Duration every;

    DeliveryHeartbeat(OutboundProperties properties) {
        this.every = properties.dispatch().heartbeat();
        scheduler.setPoolSize(2);
        scheduler.setThreadNamePrefix("delivery-heartbeat-");
        scheduler.setDaemon(true);
        // a beat is cancelled when its delivery ends, long before it is due: drop it from the queue at once
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setWaitForTasksToCompleteOnShutdown(false);
        scheduler.setAwaitTerminationMillis(properties.shutdownTimeout().toMillis());
        scheduler.initialize();
    }

    /** Starts beating; {@code renew} answers whether the claim is still held (and extends the lease and visibility). */
    public Beat start(String what, BooleanSupplier renew) {
        AtomicBoolean lost = new AtomicBoolean();
        ScheduledFuture<?> task = scheduler.scheduleAtFixedRate(() -> {
            try {
                if (!lost.get() && !renew.getAsBoolean()) {
                    lost.set(true);
                    log.warn("claim on {} was taken over: this attempt stops", what);
                }
            } catch (RuntimeException e) {
                // a missed beat is not fatal: the next one tries again before the lease runs out
                log.warn("heartbeat for {} failed: {}", what, e.toString());
            }
        }, java.time.Instant.now().plus(every), every);
        return new Beat(task, lost);
    }

    /** A running heartbeat; close it when the delivery ends, whatever the outcome. */
    public record Beat(ScheduledFuture<?> task, AtomicBoolean lostFlag) implements AutoCloseable {

        public boolean lost() {
            return lostFlag.get();
        }

        @Override
        public void close() {
            task.cancel(false);
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdown();
    }
}
