package com.tact.shared.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.TraceId;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class XrayIdGeneratorTest {

    @Test
    void traceIdsStartWithTheEpochSecondAndAreOtherwiseRandom() {
        var generator = new XrayIdGenerator();
        long before = System.currentTimeMillis() / 1000;
        var seen = new HashSet<String>();
        for (int i = 0; i < 1000; i++) {
            var id = generator.generateTraceId();
            assertThat(TraceId.isValid(id)).isTrue();
            long second = Long.parseLong(id.substring(0, 8), 16);
            assertThat(second).isBetween(before, System.currentTimeMillis() / 1000);
            seen.add(id);
        }
        assertThat(seen).hasSize(1000);
    }
}
