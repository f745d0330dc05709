package com.tact.outbound.dispatch;

import java.time.Duration;

/** What the queue adapter does with a message once the dispatcher has handled it. */
public sealed interface Decision {

    /** Done (delivered, suppressed or a discarded duplicate): delete the message. */
    record Ack(String why) implements Decision {
    }

    /** Leave it on the queue and let it come back after {@code after}. */
    record RetryLater(Duration after, String why) implements Decision {
    }

    /**
     * Not a failed receive (waiting for an earlier event of the bucket, another instance delivering it): a fresh
     * copy goes back on the queue, visible after {@code after}, and this message is deleted, so that waiting
     * never uses up the receive count that SQS and the retry budget go by.
     */
    record Requeue(Duration after, String why) implements Decision {
    }

    /** Move it to the partner's DLQ with the reason, then delete it. */
    record DeadLetter(String reason) implements Decision {
    }
}
