package com.tact.outbound.config;

import com.tact.outbound.publishing.OutboxRelay;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboundProperties.class)
class OutboundConfiguration {

    /** The relay's poll loop: fixed delay, one thread per instance (the advisory lock serialises instances). */
    @Bean
    @ConditionalOnProperty(name = "tact.outbound.relay.enabled", havingValue = "true", matchIfMissing = true)
    SmartLifecycle outboxRelaySchedule(OutboxRelay relay, OutboundProperties properties) {
        return new SmartLifecycle() {
            private ThreadPoolTaskScheduler scheduler;

            @Override
            public void start() {
                scheduler = new ThreadPoolTaskScheduler();
                scheduler.setThreadNamePrefix("outbox-relay-");
                scheduler.setPoolSize(1);
                // a poll in progress may finish its batch; shutdown waits no longer than the deadline
                scheduler.setWaitForTasksToCompleteOnShutdown(true);
                scheduler.setAwaitTerminationMillis(properties.shutdownTimeout().toMillis());
                scheduler.initialize();
                scheduler.scheduleWithFixedDelay(relay::poll, properties.relay().pollInterval());
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
        };
    }
}
