package com.tact.outbound.dispatch;

import com.tact.outbound.config.OutboundProperties.Partner;
import java.util.Map;

/** Port: the partner's queue and DLQ, for dead-lettering with a reason, replays and redrives. */
public interface PartnerQueues {

    /** Attribute carrying why a message was dead-lettered. */
    String REASON_ATTRIBUTE = "tact-dead-letter-reason";

    void deadLetter(Partner partner, String body, String reason);

    void requeue(Partner partner, String body);

    /** Moves up to {@code max} messages from the DLQ back to the queue; returns how many moved. */
    int redrive(Partner partner, int max);

    /** Approximate number of visible and in-flight messages in the queue and the DLQ. */
    Map<String, Long> depth(Partner partner);
}
