package com.tact.outbound.config;

import java.time.Duration;
import java.util.List;

/** OutboundProperties for unit tests: only what the class under test reads is set. */
public final class PropertiesFixture {

    private PropertiesFixture() {
    }

    /** Dispatch settings with the SSRF allow list and short time-outs. */
    public static OutboundProperties withAllowedHosts(List<String> allowed) {
        var dispatch = new OutboundProperties.Dispatch(true, 1, Duration.ofSeconds(1), Duration.ofSeconds(1), null, null, null, null,
                65536, null, null, null, null, allowed);
        return new OutboundProperties("bus", Duration.ofSeconds(1), null, dispatch, List.of());
    }
}
