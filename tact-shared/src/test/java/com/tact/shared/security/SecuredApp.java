package com.tact.shared.security;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/** A service in miniature: an API with a read, an action and an admin change, secured by the auto-configuration. */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"})
class SecuredApp {

    static final String[] PROPERTIES = {
            "spring.cloud.aws.region.static=eu-west-1",
            "spring.cloud.aws.credentials.access-key=test", "spring.cloud.aws.credentials.secret-key=test",
            "management.endpoints.web.exposure.include=health,info,prometheus,env",
            "spring.test.metrics.export=true"};

    @Bean
    ApiAuthorizationRules adminForEndpoints() {
        return rules -> rules.requestMatchers(HttpMethod.PUT, "/api/things/*/endpoint").hasRole("ADMIN");
    }

    @RestController
    static class Things {

        @GetMapping("/api/things")
        String list() {
            return "[]";
        }

        @PostMapping("/api/things")
        String act() {
            return "{\"done\":true}";
        }

        @PutMapping("/api/things/{id}/endpoint")
        String change() {
            return "{\"changed\":true}";
        }
    }
}
