package com.tact.alerting.events.aws;

import com.tact.alerting.config.AlertingProperties;
import com.tact.alerting.events.SuiteEventAlerts;
import io.awspring.cloud.sqs.listener.SqsMessageListenerContainer;
import io.awspring.cloud.sqs.listener.acknowledgement.handler.AcknowledgementMode;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Consumes the alerting event queue (fed by the EventBridge rule on the suite's bus). A message is acknowledged
 * only after its alert is committed; a failure (Postgres down) leaves it to SQS to redeliver and, after
 * maxReceiveCount, to dead-letter.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "tact.alerting.events", name = "enabled", havingValue = "true", matchIfMissing = true)
class AlertingEventsListener {

    @Bean
    SqsMessageListenerContainer<String> alertingEventsContainer(SqsAsyncClient sqs, AlertingProperties properties,
                                                                SuiteEventAlerts alerts) {
        return SqsMessageListenerContainer.<String>builder()
                .sqsAsyncClient(sqs)
                .queueNames(properties.events().queue())
                .configure(options -> options
                        .acknowledgementMode(AcknowledgementMode.ON_SUCCESS)
                        .maxConcurrentMessages(10)
                        .pollTimeout(Duration.ofSeconds(10))
                        // bounded stop: a poll or a message in progress is given up after this (SQS redelivers it)
                        .listenerShutdownTimeout(properties.shutdownTimeout())
                        .acknowledgementShutdownTimeout(properties.shutdownTimeout()))
                .messageListener(message -> alerts.accept(String.valueOf(message.getPayload()),
                        String.valueOf(message.getHeaders().getId())))
                .build();
    }
}
