package com.tact.console.queues;

import com.tact.console.config.ConsoleProperties;
import com.tact.console.config.ConsoleProperties.QueueKind;
import com.tact.console.errors.ConsoleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The suite's queues as declared in {@code tact.console.queues}: the only queues the console names to SQS. Checked
 * when the service starts: unique names, every DLQ paired with a declared source whose DLQ it is, and back.
 */
public final class QueueCatalog {

    /** @param pairedWith a source's DLQ (null if it has none), a DLQ's source */
    public record SuiteQueue(String name, QueueKind kind, String pairedWith) {

        public boolean isDlq() {
            return kind == QueueKind.DLQ;
        }
    }

    private final Map<String, SuiteQueue> queues = new LinkedHashMap<>();

    public QueueCatalog(List<ConsoleProperties.Queue> declared) {
        for (var q : declared) {
            String pair = q.pairedWith() == null || q.pairedWith().isBlank() ? null : q.pairedWith();
            if (queues.put(q.name(), new SuiteQueue(q.name(), q.kind(), pair)) != null) {
                throw new IllegalStateException("tact.console.queues declares " + q.name() + " twice");
            }
        }
        for (var q : queues.values()) {
            if (q.isDlq() && q.pairedWith() == null) {
                throw new IllegalStateException("tact.console.queues: DLQ " + q.name() + " needs paired-with (its source queue)");
            }
            if (q.pairedWith() == null) {
                continue;
            }
            var other = queues.get(q.pairedWith());
            if (other == null || other.kind() == q.kind() || !q.name().equals(other.pairedWith())) {
                throw new IllegalStateException("tact.console.queues: " + q.name() + " is paired with " + q.pairedWith()
                        + ", which must be declared as its " + (q.isDlq() ? "source" : "DLQ") + " and paired back");
            }
        }
    }

    public List<SuiteQueue> all() {
        return List.copyOf(queues.values());
    }

    public SuiteQueue get(String name) {
        var q = queues.get(name);
        if (q == null) {
            throw ConsoleException.notFound("queue-unknown", "'" + printable(name) + "' is not one of the suite's queues");
        }
        return q;
    }

    /** The DLQ named, or 400 saying why an operation needs one. */
    public SuiteQueue dlq(String name, String operation) {
        var q = get(name);
        if (!q.isDlq()) {
            throw ConsoleException.invalid("name", "not-a-dlq", operation + " works on DLQs only: " + name
                    + " is a source queue" + (q.pairedWith() == null ? "" : " (its DLQ is " + q.pairedWith() + ")")
                    + ("peek".equals(operation) ? "; receiving from it would count toward its maxReceiveCount and "
                    + "could dead-letter live messages" : ""));
        }
        return q;
    }

    private static String printable(String s) {
        return s == null ? "" : s.codePoints().limit(100).map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
