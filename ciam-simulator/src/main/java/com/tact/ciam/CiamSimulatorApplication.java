package com.tact.ciam;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The CIAM simulator: a local OpenID Connect provider for dev and QA (Spring Authorization Server with the
 * suite's users, clients and role claims) whose behaviour the {@code /sim} API scripts. Never deployed to prod.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CiamSimulatorApplication {

    public static void main(String[] args) {
        SpringApplication.run(CiamSimulatorApplication.class, args);
    }
}
