package com.tact.shared.tracing;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Lets the standard OpenTelemetry variables decide where spans go, as operators expect of any OTel-enabled
 * service: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or OTEL_EXPORTER_OTLP_ENDPOINT (+ /v1/traces), enable OTLP
 * export; OTEL_TRACES_EXPORTER=none or OTEL_SDK_DISABLED=true turn it off; with neither, nothing is exported
 * (spans are still created, and trace ids still reach the logs and the ledger); OTEL_TRACES_EXPORTER=zipkin
 * with OTEL_EXPORTER_ZIPKIN_ENDPOINT (default http://localhost:9411/api/v2/spans) sends them to a Zipkin server
 * instead (the local run's trace UI); OTEL_PROPAGATORS naming xray adds AWS X-Ray's header and trace ids
 * (W3C traceparent stays); OTEL_TRACES_SAMPLER_ARG sets the sampling ratio (default: every trace). Metrics go by
 * OTLP to OTEL_EXPORTER_OTLP_METRICS_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT (+ /v1/metrics) unless
 * OTEL_METRICS_EXPORTER=none; TACT_LOG_FORMAT=ecs (or logstash, gelf) switches the console to structured JSON logs.
 * Explicit Spring properties win.
 */
public class OtelEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";
    static final String ENABLED = "management.tracing.export.otlp.enabled";
    static final String ZIPKIN = "tact.tracing.zipkin.endpoint";
    static final String XRAY = "tact.tracing.xray";
    static final String METRICS_URL = "management.otlp.metrics.export.url";
    static final String METRICS_ENABLED = "management.otlp.metrics.export.enabled";
    static final String LOG_FORMAT = "logging.structured.format.console";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        var defaults = defaultsFor(environment::getProperty);
        environment.getPropertySources().addLast(new MapPropertySource("tactOtelEnvironment", defaults));
    }

    interface Lookup {
        String get(String name);
    }

    static Map<String, Object> defaultsFor(Lookup env) {
        var props = new HashMap<String, Object>();
        var traces = blankToNull(env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));
        var base = blankToNull(env.get("OTEL_EXPORTER_OTLP_ENDPOINT"));
        var endpoint = traces != null ? traces : base == null ? null : base.replaceAll("/+$", "") + "/v1/traces";
        var exporter = blankToNull(env.get("OTEL_TRACES_EXPORTER"));
        boolean off = "none".equalsIgnoreCase(exporter) || "true".equalsIgnoreCase(env.get("OTEL_SDK_DISABLED"));
        boolean zipkin = "zipkin".equalsIgnoreCase(exporter) && !off;
        if (zipkin) {
            var zipkinEndpoint = blankToNull(env.get("OTEL_EXPORTER_ZIPKIN_ENDPOINT"));
            props.put(ZIPKIN, zipkinEndpoint != null ? zipkinEndpoint : "http://localhost:9411/api/v2/spans");
        }
        if (endpoint != null && !off && !zipkin) {
            props.put(ENDPOINT, endpoint);
        } else {
            props.put(ENABLED, "false");
        }
        var propagators = blankToNull(env.get("OTEL_PROPAGATORS"));
        if (propagators != null && java.util.Arrays.stream(propagators.split(",")).anyMatch(p -> p.trim().equalsIgnoreCase("xray"))) {
            props.put(XRAY, "true");
        }
        var metrics = blankToNull(env.get("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"));
        var metricsEndpoint = metrics != null ? metrics : base == null ? null : base.replaceAll("/+$", "") + "/v1/metrics";
        boolean metricsOff = "none".equalsIgnoreCase(env.get("OTEL_METRICS_EXPORTER")) || "true".equalsIgnoreCase(env.get("OTEL_SDK_DISABLED"));
        if (metricsEndpoint != null && !metricsOff) {
            props.put(METRICS_URL, metricsEndpoint);
            props.put(METRICS_ENABLED, "true");
        } else {
            props.put(METRICS_ENABLED, "false");
        }
        // one JSON object a line (ecs, logstash or gelf) with the trace and span ids; the human format otherwise
        var logFormat = blankToNull(env.get("TACT_LOG_FORMAT"));
        if (logFormat != null) {
            props.put(LOG_FORMAT, logFormat);
        }
        var sampler = blankToNull(env.get("OTEL_TRACES_SAMPLER_ARG"));
        // every ingestion is worth a trace unless the operator says otherwise
        props.put("management.tracing.sampling.probability", sampler != null ? sampler : "1.0");
        return props;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
