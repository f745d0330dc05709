package com.tact.shared.tracing;

import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A trace carried across hops that have no headers of their own (an outbox row, an EventBridge detail, a stored
 * alert): the propagation fields of a span are written into a plain map (W3C {@code traceparent}, and
 * {@code X-Amzn-Trace-Id} when X-Ray is on), and a later span is started as the child of what such a map holds.
 * Through Micrometer Tracing's {@link Propagator}, so the configured propagators decide the format; no trace ids
 * are made by hand.
 */
public class MessageTracing {

    private static final Propagator.Getter<Map<String, String>> GET = (carrier, key) -> carrier.get(key);
    private static final Propagator.Setter<Map<String, String>> SET = (carrier, key, value) -> carrier.put(key, value);

    private final Tracer tracer;
    private final Propagator propagator;

    public MessageTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The propagation fields of the current span; empty when there is none. */
    public Map<String, String> currentFields() {
        var span = tracer.currentSpan();
        return span == null ? Map.of() : fields(span.context());
    }

    /** The current span's W3C traceparent, or null. */
    public String currentTraceparent() {
        return currentFields().get("traceparent");
    }

    public Map<String, String> fields(TraceContext context) {
        var carrier = new LinkedHashMap<String, String>();
        propagator.inject(context, carrier, SET);
        return carrier;
    }

    /**
     * Starts a span as the child of the trace a map of propagation fields (or just a traceparent) carries; a new
     * trace when it carries none. The caller ends it.
     */
    public Span startChild(Map<String, String> carrier, String name, Span.Kind kind) {
        var builder = carrier == null || carrier.isEmpty() ? tracer.spanBuilder() : propagator.extract(carrier, GET);
        return builder.name(name).kind(kind).start();
    }

    public Span startChild(String traceparent, String name, Span.Kind kind) {
        return startChild(traceparent == null ? null : Map.of("traceparent", traceparent), name, kind);
    }

    /** Starts a span of the current trace (or a new one) that links to the traces several messages carry. */
    public Span startLinked(Collection<String> traceparents, String name, Span.Kind kind) {
        var builder = tracer.spanBuilder().name(name).kind(kind);
        var current = tracer.currentSpan();
        if (current != null) {
            builder.setParent(current.context());
        }
        for (var traceparent : traceparents) {
            var linked = remoteContext(traceparent);
            if (linked != null) {
                builder.addLink(new Link(linked));
            }
        }
        return builder.start();
    }

    /** The span a W3C traceparent names (version 00: {@code 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>}). */
    TraceContext remoteContext(String traceparent) {
        if (traceparent == null || !traceparent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}")) {
            return null;
        }
        var parts = traceparent.split("-");
        return tracer.traceContextBuilder().traceId(parts[1]).spanId(parts[2])
                .sampled((Integer.parseInt(parts[3], 16) & 1) == 1).build();
    }

    /** Runs work with the span current, ending it after (with the error, if any). */
    public <T> T within(Span span, Supplier<T> work) {
        try (var scope = tracer.withSpan(span)) {
            return work.get();
        } catch (RuntimeException | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
