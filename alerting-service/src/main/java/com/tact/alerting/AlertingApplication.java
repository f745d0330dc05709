package com.tact.alerting;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Alerting (SNS with S3-offloaded bodies and a durable alert outbox); not built yet. */
@SpringBootApplication
public class AlertingApplication {

    public static void main(String[] args) {
        SpringApplication.run(AlertingApplication.class, args);
    }
}
