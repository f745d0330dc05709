package com.tact.outbound.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.tact.outbound.partner.PartnerEndpoint;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WeightedRoundRobinTest {

    @Test
    void picksInProportionToTheWeightsAndInterleaves() {
        WeightedRoundRobin rr = new WeightedRoundRobin(List.of(new PartnerEndpoint("east", "http://e", 3),
                new PartnerEndpoint("west", "http://w", 1)));
        List<String> picks = IntStream.range(0, 400).mapToObj(i -> rr.next().label()).toList();
        Map<String, Long> counts = picks.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertThat(counts).containsEntry("east", 300L).containsEntry("west", 100L);
        assertThat(picks.subList(0, 4)).containsExactlyInAnyOrder("east", "east", "east", "west");
    }

    @Test
    void zeroWeightIsNeverPicked() {
        WeightedRoundRobin rr = new WeightedRoundRobin(List.of(new PartnerEndpoint("a", "http://a", 0),
                new PartnerEndpoint("b", "http://b", 2)));
        assertThat(IntStream.range(0, 10).mapToObj(i -> rr.next().label())).containsOnly("b");
    }
}
