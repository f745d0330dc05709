package com.tact.outbound.dispatch;

import com.tact.outbound.config.OutboundProperties.Partner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Port: the partner's queue and DLQ, for dead-lettering with a reason, replays and redrives. */
public interface PartnerQueues {

    /** Attribute carrying why a message was dead-lettered. */
    String REASON_ATTRIBUTE = "tact-dead-letter-reason";

    void deadLetter(Partner partner, String body, String reason);

    void requeue(Partner partner, String body);

    /** A fresh copy of the message on the queue, visible after {@code delay} (at most 15 minutes): a new receive count. */
    void requeue(Partner partner, String body, Duration delay);

    /**
     * Moves up to {@code max} messages from the DLQ back to the queue, a batch at a time: {@code beforeRequeue} sees
     * the bodies of each batch before any of them is back on the queue. Returns how many moved.
     */
    int redrive(Partner partner, int max, Consumer<List<String>> beforeRequeue);

    /** Approximate number of visible and in-flight messages in the queue and the DLQ. */
    Map<String, Long> depth(Partner partner);
}
