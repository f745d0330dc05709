package com.tact.console.queues;

import com.tact.console.config.ConsoleProperties;
import com.tact.console.errors.ConsoleException;
import com.tact.console.errors.ConsoleException.Kind;
import com.tact.console.objects.ObjectAccessPolicy;
import com.tact.console.objects.ObjectStore;
import com.tact.console.queues.QueueBroker.Attribute;
import com.tact.console.queues.QueueBroker.Depth;
import com.tact.console.queues.QueueBroker.OutgoingMessage;
import com.tact.console.queues.QueueCatalog.SuiteQueue;
import com.tact.console.queues.internal.MessageRules;
import com.tact.console.queues.internal.PurgeConfirmation;
import com.tact.console.queues.internal.Redriver;
import com.tact.console.queues.internal.S3EventMessage;
import com.tact.shared.logging.LogSafe;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** The queue side of the console: depths, DLQ peek, test messages, redrive and purge, on the suite's queues only. */
@Service
public class QueueService {

    private static final Logger log = LoggerFactory.getLogger(QueueService.class);
    static final int PEEK_MAX = 10;
    static final String SOURCE_AGE = "not measured: reading a source queue's oldest message takes a receive, which "
            + "counts toward its redrive policy's maxReceiveCount (CloudWatch's ApproximateAgeOfOldestMessage has it)";

    private final QueueCatalog catalog;
    private final QueueBroker broker;
    private final ObjectStore objects;
    private final JsonMapper json;
    private final Clock clock;
    private final ConsoleProperties.Messages limits;
    private final ConsoleProperties.InboundNotification inbound;
    private final ObjectAccessPolicy inboundKeys;
    private final PurgeConfirmation confirmation;
    private final Redriver redriver;

    public QueueService(ConsoleProperties properties, QueueBroker broker, ObjectStore objects, JsonMapper json) {
        this.catalog = new QueueCatalog(properties.queues());
        this.broker = broker;
        this.objects = objects;
        this.json = json;
        this.clock = Clock.systemUTC();
        this.limits = properties.messages();
        this.inbound = properties.inboundNotification();
        // a synthetic event names only what the real notification would: the inbound bucket, under its prefix
        this.inboundKeys = new ObjectAccessPolicy(List.of(new ConsoleProperties.Bucket(inbound.bucket(),
                List.of(inbound.prefix()))));
        catalog.get(inbound.queue());
        String key = properties.purge().confirmationKey();
        this.confirmation = new PurgeConfirmation(key == null || key.isBlank() ? PurgeConfirmation.randomKey()
                : key.getBytes(StandardCharsets.UTF_8), properties.purge().confirmationWindow(), clock);
        this.redriver = new Redriver(broker);
    }

    /**
     * @param oldestAgeSeconds age of the oldest message, when known
     * @param ageSource        how the age was measured, or why it was not
     * @param error            why this queue could not be read (the others still are)
     */
    public record QueueView(String name, String kind, String pairedWith, Long visible, Long inFlight, Long delayed,
                            Long oldestAgeSeconds, String ageSource, String error) {
    }

    public record PeekedMessage(String messageId, Instant sentAt, int receiveCount, Instant firstReceivedAt,
                                String body, int bodyBytes, boolean bodyTruncated, Map<String, String> attributes) {
    }

    public record Published(String queue, String messageId, String kind, String body) {
    }

    public record Purged(String queue, String note) {
    }

    public List<QueueView> list() {
        return catalog.all().stream().map(this::view).toList();
    }

    public QueueView get(String name) {
        return view(catalog.get(name));
    }

    private QueueView view(SuiteQueue q) {
        String kind = q.kind().name().toLowerCase(java.util.Locale.ROOT);
        Depth depth;
        try {
            depth = broker.depth(q.name());
        } catch (ConsoleException e) {
            return new QueueView(q.name(), kind, q.pairedWith(), null, null, null, null, null, e.getMessage());
        }
        Long age = null;
        String ageSource;
        if (!q.isDlq()) {
            ageSource = SOURCE_AGE;
        } else if (depth.visible() == 0) {
            ageSource = "no visible message";
        } else {
            try {
                // a DLQ has no consumer and no redrive policy of its own: a receive there costs nothing
                var sample = broker.receive(q.name(), PEEK_MAX, Duration.ZERO, Duration.ZERO);
                age = sample.stream().map(QueueBroker.ReceivedMessage::sentAt).filter(java.util.Objects::nonNull)
                        .min(Instant::compareTo).map(t -> Math.max(0, Duration.between(t, clock.instant()).toSeconds()))
                        .orElse(null);
                ageSource = age == null ? "no message in the sample" : "DLQ peek: oldest SentTimestamp of a sample of "
                        + sample.size() + " (approximate when the DLQ holds more than 10)";
            } catch (ConsoleException e) {
                ageSource = "peek failed: " + e.getMessage();
            }
        }
        return new QueueView(q.name(), kind, q.pairedWith(), depth.visible(), depth.inFlight(), depth.delayed(),
                age, ageSource, null);
    }

    /** Up to 10 messages of a DLQ, left where they are (received with visibility 0: their receive count goes up). */
    public List<PeekedMessage> peek(String name, Integer max) {
        var q = catalog.dlq(name, "peek");
        int n = max == null ? PEEK_MAX : max;
        if (n < 1 || n > PEEK_MAX) {
            throw ConsoleException.invalid("max", "max-out-of-range", "max must be 1 to " + PEEK_MAX + " (one SQS receive)");
        }
        return broker.receive(q.name(), n, Duration.ZERO, Duration.ofSeconds(1)).stream().map(this::peeked).toList();
    }

    private PeekedMessage peeked(QueueBroker.ReceivedMessage m) {
        byte[] bytes = m.body().getBytes(StandardCharsets.UTF_8);
        boolean cut = bytes.length > limits.peekBodyBytes();
        String body = cut ? truncate(m.body(), limits.peekBodyBytes()) : m.body();
        var attributes = new LinkedHashMap<String, String>();
        m.attributes().forEach((k, v) -> attributes.put(k, v.stringValue() != null ? v.stringValue()
                : "(" + v.dataType() + ", " + (v.binaryValue() == null ? 0 : v.binaryValue().length) + " bytes)"));
        return new PeekedMessage(m.messageId(), m.sentAt(), m.receiveCount(), m.firstReceivedAt(), body, bytes.length,
                cut, attributes);
    }

    /** A raw message to any suite queue. */
    public Published publish(String name, String body, Map<String, String> attributes, String user) {
        var q = catalog.get(name);
        MessageRules.check(body, attributes, limits.maxMessageBytes());
        var attrs = new LinkedHashMap<String, Attribute>();
        if (attributes != null) {
            attributes.forEach((k, v) -> attrs.put(k, new Attribute("String", v, null)));
        }
        String id = broker.send(q.name(), new OutgoingMessage(body, attrs, null));
        log.info("{} published message {} ({} bytes) to {}", LogSafe.text(user), id,
                body.getBytes(StandardCharsets.UTF_8).length, q.name());
        return new Published(q.name(), id, "raw", null);
    }

    /** An S3 ObjectCreated notification for an existing inbound object, to the queue the real notification feeds. */
    public Published publishObjectCreated(String name, String key, String user) {
        var q = catalog.get(name);
        if (!q.name().equals(inbound.queue())) {
            throw ConsoleException.invalid("s3Object", "not-the-notification-queue", "S3 events for "
                    + inbound.bucket() + " go to " + inbound.queue() + ", not to " + q.name());
        }
        inboundKeys.checkKey(inbound.bucket(), key);
        var head = objects.head(inbound.bucket(), key, null);
        String body = S3EventMessage.objectCreated(json, objects.region(),
                new S3EventMessage.ObjectFacts(inbound.bucket(), key, head.size(), head.eTag(), head.versionId()),
                clock.instant());
        var attrs = Map.of("tact-console-origin", new Attribute("String", "synthetic-s3-event", null));
        String id = broker.send(q.name(), new OutgoingMessage(body, attrs, null));
        log.info("{} published a synthetic ObjectCreated event for s3://{}/{} (version {}) as message {} to {}",
                LogSafe.text(user), inbound.bucket(), LogSafe.text(key), LogSafe.text(head.versionId()), id, q.name());
        return new Published(q.name(), id, "s3-object-created", body);
    }

    public Redriver.Result redrive(String name, Set<String> messageIds, Integer max, String user) {
        var q = catalog.dlq(name, "redrive");
        int cap = limits.redriveMaxPerCall();
        int n = max == null ? cap : max;
        if (n < 1 || n > cap) {
            throw ConsoleException.invalid("maxMessages", "max-out-of-range", "maxMessages must be 1 to " + cap);
        }
        if (messageIds != null && (messageIds.isEmpty() || messageIds.size() > cap)) {
            throw ConsoleException.invalid("messageIds", "message-ids-out-of-range",
                    "messageIds, when given, names 1 to " + cap + " messages (omit it to redrive any)");
        }
        var result = redriver.redrive(q.name(), q.pairedWith(), messageIds, n);
        log.info("{} redrove {} -> {}: moved {}, failed {}, not found {}", LogSafe.text(user), q.name(), q.pairedWith(),
                result.moved(), result.failed(), result.notFound().size());
        return result;
    }

    /** Without a token: 428 with one. With the token issued to this user for this queue: PurgeQueue. */
    public Purged purge(String name, String confirm, String user) {
        var q = catalog.get(name);
        if (confirm == null || confirm.isBlank()) {
            Depth depth = broker.depth(q.name());
            var properties = new LinkedHashMap<String, Object>();
            properties.put("queue", q.name());
            properties.put("confirmationToken", confirmation.issue(q.name(), user));
            properties.put("validForSeconds", confirmation.validity().toSeconds());
            properties.put("depth", depth);
            throw new ConsoleException(Kind.CONFIRMATION_REQUIRED, "confirmation-required", "confirm",
                    "purging " + q.name() + " deletes its " + depth.total() + " messages for good: repeat the request with "
                            + "?confirm=<confirmationToken> to confirm", properties, null);
        }
        if (!confirmation.verify(q.name(), user, confirm)) {
            throw new ConsoleException(Kind.FORBIDDEN, "confirmation-token-invalid", "confirm",
                    "the confirmation token is not the one issued to you for " + q.name()
                            + ", or it has expired: ask for a new one (POST without confirm)", null, null);
        }
        broker.purge(q.name());
        log.warn("{} purged {}", LogSafe.text(user), q.name());
        return new Purged(q.name(), "SQS accepted the purge; it deletes the messages within 60 seconds");
    }

    private static String truncate(String s, int maxBytes) {
        var out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > maxBytes) {
                break;
            }
            out.appendCodePoint(cp);
            bytes += n;
            i += Character.charCount(cp);
        }
        return out.toString();
    }
}
