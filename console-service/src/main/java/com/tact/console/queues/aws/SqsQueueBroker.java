package com.tact.console.queues.aws;

import com.tact.console.aws.AwsFailures;
import com.tact.console.errors.ConsoleException;
import com.tact.console.errors.ConsoleException.Kind;
import com.tact.console.queues.QueueBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** {@link QueueBroker} on SQS. Queue URLs are looked up by name once (the names are the catalog's, a short list). */
@Component
class SqsQueueBroker implements QueueBroker {

    private final SqsClient sqs;
    private final Map<String, String> urls = new ConcurrentHashMap<>();

    SqsQueueBroker(SqsClient sqs) {
        this.sqs = sqs;
    }

    @Override
    public Depth depth(String queue) {
        String url = url(queue);
        try {
            var a = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
            return new Depth(number(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)),
                    number(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)),
                    number(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)));
        } catch (SdkException e) {
            throw failure(e, "reading the attributes of " + queue, queue);
        }
    }

    @Override
    public List<ReceivedMessage> receive(String queue, int max, Duration visibility, Duration wait) {
        String url = url(queue);
        try {
            var messages = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(max)
                    .visibilityTimeout((int) visibility.toSeconds()).waitTimeSeconds((int) wait.toSeconds())
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages();
            var out = new ArrayList<ReceivedMessage>(messages.size());
            for (var m : messages) {
                var system = m.attributes();
                var attributes = new LinkedHashMap<String, Attribute>();
                m.messageAttributes().forEach((k, v) -> attributes.put(k, new Attribute(v.dataType(), v.stringValue(),
                        v.binaryValue() == null ? null : v.binaryValue().asByteArray())));
                out.add(new ReceivedMessage(m.messageId(), m.receiptHandle(), m.body(),
                        instant(system.get(MessageSystemAttributeName.SENT_TIMESTAMP)),
                        (int) number(system.get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)),
                        instant(system.get(MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP)),
                        system.get(MessageSystemAttributeName.AWS_TRACE_HEADER), attributes));
            }
            return out;
        } catch (SdkException e) {
            throw failure(e, "receiving from " + queue, queue);
        }
    }

    @Override
    public void release(String queue, List<String> receiptHandles) {
        String url = url(queue);
        for (int i = 0; i < receiptHandles.size(); i += 10) {
            var entries = new ArrayList<ChangeMessageVisibilityBatchRequestEntry>();
            for (int j = i; j < Math.min(i + 10, receiptHandles.size()); j++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id("m" + j)
                        .receiptHandle(receiptHandles.get(j)).visibilityTimeout(0).build());
            }
            try {
                sqs.changeMessageVisibilityBatch(b -> b.queueUrl(url).entries(entries));
            } catch (SdkException e) {
                // best effort: the messages become visible anyway when their hold ends
            }
        }
    }

    @Override
    public String send(String queue, OutgoingMessage message) {
        String url = url(queue);
        var attributes = new LinkedHashMap<String, MessageAttributeValue>();
        message.attributes().forEach((k, v) -> attributes.put(k, MessageAttributeValue.builder().dataType(v.dataType())
                .stringValue(v.stringValue()).binaryValue(v.binaryValue() == null ? null : SdkBytes.fromByteArray(v.binaryValue()))
                .build()));
        try {
            return sqs.sendMessage(b -> {
                b.queueUrl(url).messageBody(message.body()).messageAttributes(attributes);
                if (message.traceHeader() != null) {
                    b.messageSystemAttributes(Map.of(MessageSystemAttributeNameForSends.AWS_TRACE_HEADER,
                            MessageSystemAttributeValue.builder().dataType("String").stringValue(message.traceHeader()).build()));
                }
            }).messageId();
        } catch (SdkException e) {
            throw failure(e, "sending to " + queue, queue);
        }
    }

    @Override
    public void delete(String queue, String receiptHandle) {
        String url = url(queue);
        try {
            sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(receiptHandle));
        } catch (SdkException e) {
            throw failure(e, "deleting from " + queue, queue);
        }
    }

    @Override
    public void purge(String queue) {
        String url = url(queue);
        try {
            sqs.purgeQueue(b -> b.queueUrl(url));
        } catch (SdkException e) {
            if (e instanceof AwsServiceException ase && String.valueOf(AwsFailures.errorCode(ase)).contains("PurgeQueueInProgress")) {
                throw new ConsoleException(Kind.CONFLICT, "purge-in-progress", null, queue
                        + " is being purged already (SQS allows one purge per queue every 60 seconds)", null, e);
            }
            throw failure(e, "purging " + queue, queue);
        }
    }

    private String url(String queue) {
        String known = urls.get(queue);
        if (known != null) {
            return known;
        }
        try {
            String url = sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
            urls.put(queue, url);
            return url;
        } catch (SdkException e) {
            throw failure(e, "looking up " + queue, queue);
        }
    }

    private static ConsoleException failure(SdkException e, String action, String queue) {
        if (e instanceof AwsServiceException ase) {
            String code = String.valueOf(AwsFailures.errorCode(ase));
            if (code.contains("NonExistentQueue") || code.contains("QueueDoesNotExist")) {
                return new ConsoleException(Kind.UPSTREAM_REFUSED, "configured-queue-missing", null,
                        "the configured queue " + queue + " does not exist in this account and region", null, e);
            }
        }
        return AwsFailures.translate(e, action);
    }

    private static long number(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Instant instant(String epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(number(epochMillis));
    }
}
