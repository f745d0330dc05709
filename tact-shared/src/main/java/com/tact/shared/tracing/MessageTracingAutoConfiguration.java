package com.tact.shared.tracing;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** {@link MessageTracing} over Spring Boot's tracer and propagator, and a no-op one without tracing. */
@AutoConfiguration(after = OpenTelemetryTracingAutoConfiguration.class)
public class MessageTracingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MessageTracing messageTracing(org.springframework.beans.factory.ObjectProvider<Tracer> tracer,
                                  org.springframework.beans.factory.ObjectProvider<Propagator> propagator) {
        return new MessageTracing(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }
}
