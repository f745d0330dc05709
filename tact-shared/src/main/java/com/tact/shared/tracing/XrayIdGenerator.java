package com.tact.shared.tracing;


import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.sdk.trace.IdGenerator;
import java.util.concurrent.ThreadLocalRandom;

/**
 * X-Ray's trace id: the first 32 bits are the epoch second the trace began, the other 96 random (what
 * opentelemetry-aws-xray's AwsXrayIdGenerator does; that artifact is not served here, the propagator is).
 */
final class XrayIdGenerator implements IdGenerator {

    @Override
    public String generateSpanId() {
        return IdGenerator.random().generateSpanId();
    }

    @Override
    public String generateTraceId() {
        var random = ThreadLocalRandom.current();
        long high = (System.currentTimeMillis() / 1000) << 32 | (random.nextInt() & 0xFFFFFFFFL);
        long low;
        do {
            low = random.nextLong();
        } while (low == 0);
        return TraceId.fromLongs(high, low);
    }

}
