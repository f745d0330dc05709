package com.tact.console.queues.internal;

import com.tact.console.errors.ConsoleException;
import com.tact.console.queues.QueueBroker;
import com.tact.console.queues.QueueBroker.OutgoingMessage;
import com.tact.console.queues.QueueBroker.ReceivedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Moves messages from a DLQ back to its source queue: receive (held invisible), send a copy to the source (body,
 * message attributes, trace header), and only then delete it from the DLQ. A crash or a failed delete therefore
 * leaves a message in both queues, never in neither: the consumers are idempotent, a lost message is not
 * recoverable. Messages not selected, or beyond the limit, are made visible again at the end.
 */
public final class Redriver {

    /** Long enough for one call to finish its rounds; a crash makes the held messages visible again after it. */
    static final Duration HOLD = Duration.ofSeconds(30);
    static final Duration WAIT = Duration.ofSeconds(1);

    public record Failure(String messageId, String reason) {
    }

    /**
     * @param moved    sent to the source and deleted from the DLQ
     * @param failed   not moved (still in the DLQ), or sent but not deleted (then in both queues)
     * @param notFound selected ids not met in the DLQ (already moved, or not received within this call)
     */
    public record Result(String dlq, String source, int moved, int failed, List<Failure> failures, List<String> notFound) {
    }

    private final QueueBroker broker;

    public Redriver(QueueBroker broker) {
        this.broker = broker;
    }

    /** @param selected message ids to move, or null for any */
    public Result redrive(String dlq, String source, Set<String> selected, int max) {
        var remaining = selected == null ? null : new LinkedHashSet<>(selected);
        var seen = new HashSet<String>();
        var held = new ArrayList<String>();
        var failures = new ArrayList<Failure>();
        int moved = 0;
        int rounds = 0;
        int maxRounds = max / 10 + 20;
        try {
            while (moved + failures.size() < max && (remaining == null || !remaining.isEmpty()) && rounds++ < maxRounds) {
                int want = remaining == null ? Math.min(10, max - moved - failures.size()) : 10;
                List<ReceivedMessage> batch = broker.receive(dlq, want, HOLD, WAIT);
                if (batch.isEmpty()) {
                    break;
                }
                boolean anyNew = false;
                for (var m : batch) {
                    boolean first = seen.add(m.messageId());
                    anyNew |= first;
                    if (!first || (remaining != null && !remaining.contains(m.messageId()))
                            || moved + failures.size() >= max) {
                        held.add(m.receiptHandle());
                        continue;
                    }
                    try {
                        broker.send(source, new OutgoingMessage(m.body(), m.attributes(), m.traceHeader()));
                    } catch (ConsoleException e) {
                        failures.add(new Failure(m.messageId(), "not sent to " + source + ": " + e.getMessage()));
                        held.add(m.receiptHandle());
                        continue;
                    }
                    try {
                        broker.delete(dlq, m.receiptHandle());
                        moved++;
                    } catch (ConsoleException e) {
                        failures.add(new Failure(m.messageId(), "sent to " + source + " but not deleted from " + dlq
                                + " (" + e.getMessage() + "): it is in both queues and would be redriven again"));
                    }
                    if (remaining != null) {
                        remaining.remove(m.messageId());
                    }
                }
                if (!anyNew) {
                    break; // only messages met before: the DLQ has nothing else visible
                }
            }
        } finally {
            if (!held.isEmpty()) {
                broker.release(dlq, held);
            }
        }
        return new Result(dlq, source, moved, failures.size(), failures,
                remaining == null ? List.of() : List.copyOf(remaining));
    }
}
