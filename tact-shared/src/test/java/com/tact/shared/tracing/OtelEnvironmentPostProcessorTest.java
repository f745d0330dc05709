package com.tact.shared.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OtelEnvironmentPostProcessorTest {

    @Test
    void baseEndpointGetsTheTracesPath() {
        var props = OtelEnvironmentPostProcessor.defaultsFor(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://jaeger:4318/")::get);
        assertThat(props).containsEntry(OtelEnvironmentPostProcessor.ENDPOINT, "http://jaeger:4318/v1/traces")
                .doesNotContainKey(OtelEnvironmentPostProcessor.ENABLED);
    }

    @Test
    void tracesEndpointWinsOverTheBase() {
        var props = OtelEnvironmentPostProcessor.defaultsFor(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://a:4318",
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://b:4318/v1/traces")::get);
        assertThat(props).containsEntry(OtelEnvironmentPostProcessor.ENDPOINT, "http://b:4318/v1/traces");
    }

    @Test
    void noEndpointOrExporterNoneMeansNoExport() {
        assertThat(OtelEnvironmentPostProcessor.defaultsFor(Map.<String, String>of()::get))
                .containsEntry(OtelEnvironmentPostProcessor.ENABLED, "false");
        assertThat(OtelEnvironmentPostProcessor.defaultsFor(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://a:4318",
                "OTEL_TRACES_EXPORTER", "none")::get))
                .containsEntry(OtelEnvironmentPostProcessor.ENABLED, "false")
                .doesNotContainKey(OtelEnvironmentPostProcessor.ENDPOINT);
    }

    @Test
    void samplerArgumentSetsTheProbabilityWhichDefaultsToEveryTrace() {
        assertThat(OtelEnvironmentPostProcessor.defaultsFor(Map.<String, String>of()::get))
                .containsEntry("management.tracing.sampling.probability", "1.0");
        assertThat(OtelEnvironmentPostProcessor.defaultsFor(Map.of("OTEL_TRACES_SAMPLER_ARG", "0.25")::get))
                .containsEntry("management.tracing.sampling.probability", "0.25");
    }

    @Test
    void zipkinExporterSendsSpansToTheZipkinEndpointInsteadOfOtlp() {
        var props = OtelEnvironmentPostProcessor.defaultsFor(Map.of("OTEL_TRACES_EXPORTER", "zipkin",
                "OTEL_EXPORTER_ZIPKIN_ENDPOINT", "http://127.0.0.1:9411/api/v2/spans", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://a:4318")::get);
        assertThat(props).containsEntry(OtelEnvironmentPostProcessor.ZIPKIN, "http://127.0.0.1:9411/api/v2/spans")
                .containsEntry(OtelEnvironmentPostProcessor.ENABLED, "false").doesNotContainKey(OtelEnvironmentPostProcessor.ENDPOINT);
        assertThat(OtelEnvironmentPostProcessor.defaultsFor(Map.of("OTEL_TRACES_EXPORTER", "zipkin")::get))
                .containsEntry(OtelEnvironmentPostProcessor.ZIPKIN, "http://localhost:9411/api/v2/spans");
        assertThat(OtelEnvironmentPostProcessor.defaultsFor(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://a:4318")::get))
                .doesNotContainKey(OtelEnvironmentPostProcessor.ZIPKIN);
    }

    @Test
    void xrayInThePropagatorsSwitchesXrayOn() {
        assertThat(OtelEnvironmentPostProcessor.defaultsFor(Map.of("OTEL_PROPAGATORS", "tracecontext,baggage, xray")::get))
                .containsEntry(OtelEnvironmentPostProcessor.XRAY, "true");
        assertThat(OtelEnvironmentPostProcessor.defaultsFor(Map.of("OTEL_PROPAGATORS", "tracecontext,baggage")::get))
                .doesNotContainKey(OtelEnvironmentPostProcessor.XRAY);
    }

    @Test
    void metricsFollowTheOtlpEndpointAndLogsTurnStructuredOnRequest() {
        var props = OtelEnvironmentPostProcessor.defaultsFor(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://adot:4318/",
                "TACT_LOG_FORMAT", "ecs")::get);
        assertThat(props).containsEntry(OtelEnvironmentPostProcessor.METRICS_URL, "http://adot:4318/v1/metrics")
                .containsEntry(OtelEnvironmentPostProcessor.METRICS_ENABLED, "true")
                .containsEntry(OtelEnvironmentPostProcessor.LOG_FORMAT, "ecs");
        assertThat(OtelEnvironmentPostProcessor.defaultsFor(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://adot:4318",
                "OTEL_METRICS_EXPORTER", "none")::get)).doesNotContainKey(OtelEnvironmentPostProcessor.METRICS_URL);
        assertThat(OtelEnvironmentPostProcessor.defaultsFor(Map.<String, String>of()::get))
                .doesNotContainKeys(OtelEnvironmentPostProcessor.METRICS_URL, OtelEnvironmentPostProcessor.LOG_FORMAT);
    }
}
