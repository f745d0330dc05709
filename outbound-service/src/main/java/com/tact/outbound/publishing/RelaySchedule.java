package com.tact.outbound.publishing;

import com.tact.outbound.config.OutboundProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The relay's poll loop: fixed delay, one thread per instance (the advisory lock serialises instances). A poll in
 * progress may finish its batch on shutdown; shutdown waits no longer than {@code tact.outbound.shutdown-timeout}.
 */
@Component
@ConditionalOnProperty(name = "tact.outbound.relay.enabled", havingValue = "true", matchIfMissing = true)
class RelaySchedule implements SmartLifecycle {

    private final OutboxRelay relay;
    private final OutboundProperties properties;
    private volatile ThreadPoolTaskScheduler scheduler;

    RelaySchedule(OutboxRelay relay, OutboundProperties properties) {
        this.relay = relay;
        this.properties = properties;
    }

    @Override
    public void start() {
        ThreadPoolTaskScheduler s = new ThreadPoolTaskScheduler();
        s.setThreadNamePrefix("outbox-relay-");
        s.setPoolSize(1);
        s.setWaitForTasksToCompleteOnShutdown(true);
        s.setAwaitTerminationMillis(properties.shutdownTimeout().toMillis());
        s.initialize();
        s.scheduleWithFixedDelay(relay::poll, properties.relay().pollInterval());
        scheduler = s;
    }

    @Override
    public void stop() {
        scheduler.shutdown();
        scheduler = null;
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
