package com.tact.shared.tracing;

import io.opentelemetry.contrib.awsxray.propagator.AwsXrayPropagator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SdkTracerProviderBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * AWS X-Ray, switched on by {@code tact.tracing.xray=true} (which {@link OtelEnvironmentPostProcessor} sets when
 * the standard {@code OTEL_PROPAGATORS} names {@code xray}): the {@code X-Amzn-Trace-Id} header is read and
 * written beside W3C {@code traceparent} (Spring Boot composes every TextMapPropagator bean), and trace ids carry
 * the epoch second X-Ray expects. Spans still leave by OTLP, to the ADOT collector that forwards them to X-Ray.
 */
@AutoConfiguration
@ConditionalOnProperty(name = "tact.tracing.xray", havingValue = "true")
public class XrayTracingAutoConfiguration {

    @Bean
    AwsXrayPropagator awsXrayPropagator() {
        return AwsXrayPropagator.getInstance();
    }

    @Bean
    SdkTracerProviderBuilderCustomizer xrayTraceIds() {
        return builder -> builder.setIdGenerator(new XrayIdGenerator());
    }
}
