package com.tact.alerting.alert;

/** Where an alert is in its life. STORED is the only state the relay acts on; the others are final. */
public enum AlertState {
    /** in the outbox, waiting for the group wait, the rate limit or SNS */
    STORED,
    /** SNS accepted it with the body inline */
    PUBLISHED,
    /** the body went to the payload bucket and SNS accepted the pointer */
    OFFLOADED,
    /** folded into an earlier alert of the same topic and dedup key (its group head's count went up) */
    DEDUPLICATED,
    /** muted by a silence; never published */
    SILENCED,
    /** SNS refused the message itself (not retryable); an operator can retry it */
    FAILED
}
