package com.tact.alerting.alert.aws;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tact.alerting.config.AlertingProperties;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where the SNS client goes: tact.alerting.sns-endpoint when set (the VPC endpoint's DNS name), else the SDK's own
 * resolution, which honours AWS_ENDPOINT_URL_SNS (system property aws.endpointUrlSns) as Terraform's output
 * sns_endpoint_url is meant to be used. Both are pointed at a closed local port: the error names the port.
 */
class SnsEndpointTest {

    private final S3Client s3 = S3Client.builder().region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x"))).build();

    @AfterEach
    void clear() {
        System.clearProperty("aws.endpointUrlSns");
        s3.close();
    }

    @Test
    void theSnsEndpointPropertyWins() throws IOException {
        int closed = closedPort();
        System.setProperty("aws.endpointUrlSns", "http://127.0.0.1:" + closedPort());
        try (var clients = clients(URI.create("http://127.0.0.1:" + closed))) {
            assertThatThrownBy(() -> clients.plain().listTopics()).isInstanceOf(SdkClientException.class)
                    .hasMessageContaining("127.0.0.1:" + closed);
        }
    }

    @Test
    void withoutItTheSdkTakesTheServiceSpecificEndpointSetting() throws IOException {
        int closed = closedPort();
        System.setProperty("aws.endpointUrlSns", "http://127.0.0.1:" + closed);
        try (var clients = clients(null)) {
            assertThatThrownBy(() -> clients.plain().listTopics()).isInstanceOf(SdkClientException.class)
                    .hasMessageContaining("127.0.0.1:" + closed);
        }
    }

    private AlertSnsClients clients(URI endpoint) {
        var properties = new AlertingProperties(endpoint, Map.of("info", "local-alerting-info"),
                new AlertingProperties.Payload("bucket", 245760, false, 8388608),
                new AlertingProperties.Outbox(Duration.ofMillis(200), 50, Duration.ofMillis(500), Duration.ofSeconds(60),
                        120, Duration.ofSeconds(2), null),
                new AlertingProperties.Dedup(Duration.ofMinutes(5), Duration.ofSeconds(10)),
                new AlertingProperties.Events(true, "q"), Duration.ofSeconds(5), java.util.List.of());
        return new SnsConfiguration().alertSnsClients(properties,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")), () -> Region.US_EAST_1, s3,
                new MockEnvironment());
    }

    private static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
