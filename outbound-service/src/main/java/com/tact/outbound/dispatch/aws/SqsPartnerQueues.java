package com.tact.outbound.dispatch.aws;

import com.tact.outbound.config.OutboundProperties.Partner;
import com.tact.outbound.dispatch.PartnerQueues;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** The partner queues through the SQS client: dead-letter with a reason attribute, requeue, bounded redrive. */
@Component
class SqsPartnerQueues implements PartnerQueues {

    /** SQS DelaySeconds maximum. */
    private static final int MAX_DELAY_SECONDS = 900;

    private final SqsAsyncClient sqs;
    private final Map<String, String> urls = new ConcurrentHashMap<>();

    SqsPartnerQueues(SqsAsyncClient sqs) {
        this.sqs = sqs;
    }

    @Override
    public void deadLetter(Partner partner, String body, String reason) {
        String why = reason == null ? "unknown" : reason.length() > 1000 ? reason.substring(0, 1000) : reason;
        sqs.sendMessage(SendMessageRequest.builder().queueUrl(url(partner.dlq())).messageBody(body == null || body.isEmpty() ? "(empty)" : body)
                .messageAttributes(Map.of(REASON_ATTRIBUTE, MessageAttributeValue.builder().dataType("String").stringValue(why).build()))
                .build()).join();
    }

    @Override
    public void requeue(Partner partner, String body) {
        sqs.sendMessage(SendMessageRequest.builder().queueUrl(url(partner.queue())).messageBody(body).build()).join();
    }

    @Override
    public void requeue(Partner partner, String body, Duration delay) {
        int seconds = (int) Math.max(0, Math.min(MAX_DELAY_SECONDS, delay.toSeconds()));
        sqs.sendMessage(SendMessageRequest.builder().queueUrl(url(partner.queue())).messageBody(body).delaySeconds(seconds).build())
                .join();
    }

    @Override
    public int redrive(Partner partner, int max, Consumer<List<String>> beforeRequeue) {
        int moved = 0;
        String dlq = url(partner.dlq());
        while (moved < max) {
            List<Message> batch = sqs.receiveMessage(ReceiveMessageRequest.builder().queueUrl(dlq)
                    .maxNumberOfMessages(Math.min(10, max - moved)).waitTimeSeconds(0).visibilityTimeout(30).build()).join().messages();
            if (batch.isEmpty()) {
                break;
            }
            beforeRequeue.accept(batch.stream().map(Message::body).toList());
            for (Message m : batch) {
                requeue(partner, m.body());
                sqs.deleteMessage(DeleteMessageRequest.builder().queueUrl(dlq).receiptHandle(m.receiptHandle()).build()).join();
                moved++;
            }
        }
        return moved;
    }

    @Override
    public Map<String, Long> depth(Partner partner) {
        Map<String, Long> out = new LinkedHashMap<>();
        out.putAll(count("queue", partner.queue()));
        out.putAll(count("dlq", partner.dlq()));
        return out;
    }

    private Map<String, Long> count(String prefix, String queue) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(GetQueueAttributesRequest.builder().queueUrl(url(queue))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE).build()).join().attributes();
        return Map.of(prefix + "Visible", Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")),
                prefix + "InFlight", Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0")));
    }

    private String url(String queue) {
        return urls.computeIfAbsent(queue, q -> sqs.getQueueUrl(b -> b.queueName(q)).join().queueUrl());
    }
}
