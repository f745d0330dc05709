package com.tact.outbound.dispatch.internal;

import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A partner queue message read as the event it carries (an EventBridge event of the suite). */
public record PartnerEvent(UUID id, String source, String type, int version, String bucketId, String traceparent, String time,
                           JsonNode detail) {
}
