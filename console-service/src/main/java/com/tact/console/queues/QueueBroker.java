package com.tact.console.queues;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The message broker as the console needs it; queues are named by name, never by URL. */
public interface QueueBroker {

    Depth depth(String queue);

    /** Receives up to {@code max} (at most 10) messages, invisible for {@code visibility} (zero: still visible). */
    List<ReceivedMessage> receive(String queue, int max, Duration visibility, Duration wait);

    /** Makes received messages visible again at once (best effort). */
    void release(String queue, List<String> receiptHandles);

    /** @return the new message's id */
    String send(String queue, OutgoingMessage message);

    void delete(String queue, String receiptHandle);

    void purge(String queue);

    record Depth(long visible, long inFlight, long delayed) {

        public long total() {
            return visible + inFlight + delayed;
        }
    }

    /** A message attribute: String, Number or Binary (and their custom suffixes), as SQS carries it. */
    record Attribute(String dataType, String stringValue, byte[] binaryValue) {
    }

    record ReceivedMessage(String messageId, String receiptHandle, String body, Instant sentAt, int receiveCount,
                           Instant firstReceivedAt, String traceHeader, Map<String, Attribute> attributes) {
    }

    /** @param traceHeader the AWSTraceHeader system attribute to keep (X-Ray), or null */
    record OutgoingMessage(String body, Map<String, Attribute> attributes, String traceHeader) {
    }
}
