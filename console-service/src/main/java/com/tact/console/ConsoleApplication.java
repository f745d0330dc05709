package com.tact.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The operators' console: APIs over the suite's S3 objects (browse, metadata, versions, download) and SQS queues
 * (depths, DLQ peek, test messages, redrive, purge). It keeps no state of its own: no database.
 */
@SpringBootApplication
@ConfigurationPropertiesScan("com.tact.console.config")
public class ConsoleApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConsoleApplication.class, args);
    }
}
