package com.tact.shared.tracing;

import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Exports spans to a Zipkin server when {@code tact.tracing.zipkin.endpoint} is set, which
 * {@link OtelEnvironmentPostProcessor} does for the standard {@code OTEL_TRACES_EXPORTER=zipkin} and
 * {@code OTEL_EXPORTER_ZIPKIN_ENDPOINT}. Spring Boot hands every SpanExporter bean to the SDK's batch processor.
 */
@AutoConfiguration
@ConditionalOnProperty("tact.tracing.zipkin.endpoint")
public class ZipkinExportAutoConfiguration {

    @Bean(destroyMethod = "close")
    ZipkinSpanExporter zipkinSpanExporter(org.springframework.core.env.Environment environment) {
        return ZipkinSpanExporter.builder().setEndpoint(environment.getRequiredProperty("tact.tracing.zipkin.endpoint")).build();
    }
}
