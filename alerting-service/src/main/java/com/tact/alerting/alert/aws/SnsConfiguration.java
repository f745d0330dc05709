package com.tact.alerting.alert.aws;

import com.tact.alerting.config.AlertingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.sns.AmazonSNSExtendedClient;
import software.amazon.sns.SNSExtendedClientConfiguration;

/**
 * The SNS client of alerting-service. Its endpoint is its own property (tact.alerting.sns-endpoint) so that in AWS
 * it can name the VPC interface endpoint when private DNS is off, and a test can cut the path to SNS alone.
 * The SDK retries little: the outbox relay owns retrying, with backoff, across restarts.
 */
@Configuration(proxyBeanMethods = false)
class SnsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SnsConfiguration.class);

    /** Spring Cloud AWS's SNS property; this service builds its own SNS client, so it would be silently ignored. */
    static final String IGNORED_ENDPOINT_PROPERTY = "spring.cloud.aws.sns.endpoint";

    @Bean
    AlertSnsClients alertSnsClients(AlertingProperties properties, AwsCredentialsProvider credentials,
                                    AwsRegionProvider region, S3Client s3, Environment environment) {
        if (environment.containsProperty(IGNORED_ENDPOINT_PROPERTY)) {
            throw new IllegalStateException(IGNORED_ENDPOINT_PROPERTY + " is not read by alerting-service: set "
                    + "tact.alerting.sns-endpoint (TACT_ALERTING_SNS_ENDPOINT) or AWS_ENDPOINT_URL_SNS instead");
        }
        var builder = SnsClient.builder()
                .credentialsProvider(credentials)
                .region(region.getRegion())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(RetryMode.STANDARD)
                        .apiCallAttemptTimeout(properties.outbox().snsAttemptTimeout())
                        .apiCallTimeout(properties.outbox().snsAttemptTimeout().multipliedBy(2))
                        .build());
        if (properties.snsEndpoint() != null && !properties.snsEndpoint().toString().isBlank()) {
            builder.endpointOverride(properties.snsEndpoint());
            log.info("SNS endpoint: {}", properties.snsEndpoint());
        }
        SnsClient plain = builder.build();
        var payload = properties.payload();
        var config = new SNSExtendedClientConfiguration()
                .withPayloadSupportEnabled(s3, payload.bucket())
                .withPayloadSizeThreshold(payload.thresholdBytes())
                .withAlwaysThroughS3(payload.alwaysThroughS3());
        return new AlertSnsClients(plain, new AmazonSNSExtendedClient(plain, config));
    }
}
