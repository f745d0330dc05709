package com.tact.inbound.ingestion.internal;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * What operators alert on: files finished by status and feed, rows by outcome. The duration of each ingestion
 * is the {@code tact.ingest.file} observation's timer.
 */
@Component
class IngestionMetrics {

    private final MeterRegistry registry;

    IngestionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void finished(String feed, String status, long validRows, long badRows) {
        var feedTag = feed == null ? "none" : feed;
        registry.counter("tact.inbound.files", "feed", feedTag, "status", status).increment();
        registry.counter("tact.inbound.rows", "feed", feedTag, "outcome", "valid").increment(validRows);
        registry.counter("tact.inbound.rows", "feed", feedTag, "outcome", "rejected").increment(badRows);
    }
}
