package com.tact.outbound.dispatch.aws;

import com.tact.outbound.publishing.aws.AwsCallCounter;
import io.awspring.cloud.autoconfigure.sqs.SqsAsyncClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SQS client Spring Cloud AWS builds, with the call counter (what a delivery costs in SQS calls). */
@Configuration(proxyBeanMethods = false)
class SqsClientConfiguration {

    @Bean
    SqsAsyncClientCustomizer sqsCallCounting(AwsCallCounter counter) {
        return builder -> builder.overrideConfiguration(
                builder.overrideConfiguration().toBuilder().addExecutionInterceptor(counter).build());
    }
}
