package com.tact.inbound.it;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * One application context for all in-process end-to-end tests: the real service against the moto server and
 * the Postgres that ./tact test started (their addresses arrive as the AWS_* and TACT_* variables). Short
 * claims and backoffs so that redelivery happens within a test's patience.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tact.inbound.max-file-size=2MB",
        "tact.inbound.claim.lease=5s",
        "tact.inbound.claim.heartbeat=1s",
        "tact.inbound.claim.visibility-timeout=10s",
        "tact.inbound.claim.retry-backoff=1s",
        "tact.inbound.limits.max-validate-size=1MB",
        "tact.inbound.limits.max-merge-keys=3",
        "spring.test.tracing.export=true",
        "spring.test.metrics.export=true",
        "tact.tracing.xray=true",
        "management.opentelemetry.tracing.export.schedule-delay=100ms"})
@ActiveProfiles("local")
@Import(InboundITBase.Spans.class)
abstract class InboundITBase {

    @TestConfiguration(proxyBeanMethods = false)
    static class Spans {
        @Bean
        InMemorySpanExporter inMemorySpanExporter() {
            return InMemorySpanExporter.create();
        }
    }
}
