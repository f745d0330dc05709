package com.tact.outbound.dispatch.internal;

import com.tact.outbound.partner.PartnerEndpoint;
import java.util.List;

/**
 * Smooth weighted round robin (as nginx does it): over any window of sum(weights) picks, each endpoint is chosen
 * exactly in proportion to its weight, and the picks are interleaved rather than bunched. A new set of
 * endpoints or weights starts a new cycle: a change of weights rebalances at once.
 */
final class WeightedRoundRobin {

    private final List<PartnerEndpoint> endpoints;
    private final int[] current;
    private final int total;

    WeightedRoundRobin(List<PartnerEndpoint> endpoints) {
        this.endpoints = List.copyOf(endpoints);
        this.current = new int[endpoints.size()];
        this.total = endpoints.stream().mapToInt(PartnerEndpoint::weight).sum();
    }

    List<PartnerEndpoint> endpoints() {
        return endpoints;
    }

    synchronized PartnerEndpoint next() {
        if (total <= 0) {
            throw new IllegalStateException("no endpoint with a positive weight");
        }
        int best = -1;
        for (int i = 0; i < current.length; i++) {
            current[i] += endpoints.get(i).weight();
            if (endpoints.get(i).weight() > 0 && (best < 0 || current[i] > current[best])) {
                best = i;
            }
        }
        current[best] -= total;
        return endpoints.get(best);
    }
}
