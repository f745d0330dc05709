package com.tact.outbound.partner;

/** One endpoint of a partner and its share of the traffic. */
public record PartnerEndpoint(String label, String url, int weight) {
}
