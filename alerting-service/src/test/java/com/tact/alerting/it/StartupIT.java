package com.tact.alerting.it;

import com.tact.testsupport.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Configuration that would be silently ignored stops the start, saying what to set instead. */
class StartupIT {

    @Test
    void springCloudAwsSnsEndpointIsRefusedAtStartupBecauseNothingReadsIt() throws Exception {
        try (var service = ServiceProcess.start("startup-it", List.of(
                "--spring.cloud.aws.sns.endpoint=http://127.0.0.1:1", "--tact.alerting.events.enabled=false"))) {
            assertThat(service.process().waitFor(CloudFixture.timeout(60).toSeconds(), TimeUnit.SECONDS))
                    .as("the service exits instead of starting").isTrue();
            assertThat(service.process().exitValue()).isNotZero();
            assertThat(Files.readString(service.log())).contains("spring.cloud.aws.sns.endpoint is not read by alerting-service")
                    .contains("tact.alerting.sns-endpoint");
        }
    }
}
