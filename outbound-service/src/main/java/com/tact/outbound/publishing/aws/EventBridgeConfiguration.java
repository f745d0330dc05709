package com.tact.outbound.publishing.aws;

import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** Spring Cloud AWS has no EventBridge starter: the client is built with its configurer (region, credentials). */
@Configuration(proxyBeanMethods = false)
class EventBridgeConfiguration {

    @Bean(destroyMethod = "close")
    EventBridgeClient eventBridgeClient(AwsClientBuilderConfigurer configurer) {
        return configurer.configure(EventBridgeClient.builder()).build();
    }
}
