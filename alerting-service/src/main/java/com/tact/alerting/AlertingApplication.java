package com.tact.alerting;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Alerting: alerts from the REST API and the suite's events, stored in a Postgres outbox, published to SNS
 * (bodies over the limit offloaded to S3 by the SNS extended client), deduplicated, silenced, rate-limited.
 */
@SpringBootApplication
@ConfigurationPropertiesScan("com.tact.alerting.config")
public class AlertingApplication {

    public static void main(String[] args) {
        SpringApplication.run(AlertingApplication.class, args);
    }
}
