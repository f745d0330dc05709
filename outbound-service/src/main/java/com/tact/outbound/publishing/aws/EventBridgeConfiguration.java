package com.tact.outbound.publishing.aws;

import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;

/** Spring Cloud AWS has no EventBridge starter: the client is built with its configurer (region, credentials). */
@Configuration(proxyBeanMethods = false)
class EventBridgeConfiguration {

    @Bean
    AwsCallCounter awsCallCounter(MeterRegistry meters) {
        return new AwsCallCounter(meters);
    }

    @Bean(destroyMethod = "close")
    EventBridgeClient eventBridgeClient(AwsClientBuilderConfigurer configurer, AwsCallCounter counter) {
        EventBridgeClientBuilder builder = configurer.configure(EventBridgeClient.builder());
        return builder.overrideConfiguration(builder.overrideConfiguration().toBuilder().addExecutionInterceptor(counter).build())
                .build();
    }
}
