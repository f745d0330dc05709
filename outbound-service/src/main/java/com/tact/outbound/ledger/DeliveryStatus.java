package com.tact.outbound.ledger;

/** Where one event stands for one partner. */
public enum DeliveryStatus {
    /** an instance is calling the partner now */
    IN_FLIGHT,
    /** a retryable failure: SQS redelivers it after a backoff */
    RETRYING,
    /** the partner answered 2xx */
    DELIVERED,
    /** the partner's switch for this bucket is off: kept for a replay, not sent */
    SUPPRESSED,
    /** moved to the partner's DLQ with its reason (4xx, retry budget spent, malformed, refused URL) */
    DEAD_LETTERED,
    /** an operator asked for a replay; the message is back on the partner queue */
    REPLAY_REQUESTED;

    /** Not delivered and not being delivered right now; REPLAY_REQUESTED again too, in case the requeue itself failed. */
    public boolean replayable() {
        return this == SUPPRESSED || this == DEAD_LETTERED || this == RETRYING || this == REPLAY_REQUESTED;
    }
}
