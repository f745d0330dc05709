package com.tact.console.queues.aws;

import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A synchronous SqsClient set up as Spring Cloud AWS sets up its own clients (region, credentials, endpoint):
 * Spring Cloud AWS only offers the asynchronous one, for its listeners, and the console runs none.
 */
@Configuration(proxyBeanMethods = false)
class SqsConfiguration {

    @Bean
    SqsClient consoleSqsClient(AwsClientBuilderConfigurer configurer) {
        return configurer.configure(SqsClient.builder()).build();
    }
}
