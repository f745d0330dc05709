package com.tact.outbound.dispatch.internal;

import com.tact.outbound.partner.PartnerEndpoint;
import com.tact.outbound.partner.PartnerEndpoints;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** Picks the endpoint of the next call to a partner, in proportion to the weights in force. */
@Component
public class EndpointSelector {

    private final PartnerEndpoints endpoints;
    private final Map<String, WeightedRoundRobin> rotations = new ConcurrentHashMap<>();

    EndpointSelector(PartnerEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    public PartnerEndpoint next(String partner) {
        List<PartnerEndpoint> now = endpoints.current(partner);
        if (now.isEmpty()) {
            throw new IllegalStateException("partner " + partner + " has no endpoint");
        }
        WeightedRoundRobin rotation = rotations.compute(partner,
                (k, existing) -> existing != null && existing.endpoints().equals(now) ? existing : new WeightedRoundRobin(now));
        return rotation.next();
    }
}
