package com.tact.outbound;

import com.tact.testsupport.Env;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The partner queues and DLQs as the test sees them (names from ./tact test's environment, as the service reads them). */
class DlqFixture {

    private final SqsAsyncClient sqs;

    DlqFixture(SqsAsyncClient sqs) {
        this.sqs = sqs;
    }

    static String queueName(String partner, boolean dlq) {
        String env = "TACT_OUTBOUND_" + partner.toUpperCase(Locale.ROOT).replace('-', '_') + (dlq ? "_DLQ" : "_QUEUE");
        return Env.get(env, "local-outbound-" + partner + (dlq ? "-dlq" : ""));
    }

    String url(String partner, boolean dlq) {
        return sqs.getQueueUrl(b -> b.queueName(queueName(partner, dlq))).join().queueUrl();
    }

    /** The DLQ message of this event, with its attributes; it is made visible again for whoever looks next. */
    Message find(String partner, UUID eventId) {
        String url = url(partner, true);
        AtomicReference<Message> found = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (Message m : receiveAll(url)) {
                if (m.body().contains(eventId.toString())) {
                    found.set(m);
                }
            }
            org.assertj.core.api.Assertions.assertThat(found.get()).as("DLQ message of " + eventId).isNotNull();
        });
        return found.get();
    }

    /** Takes every message of the DLQ off it (they stay in flight for a minute unless sent back or deleted). */
    List<Message> receiveAll(String url) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .visibilityTimeout(60).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).join().messages();
            if (batch.isEmpty()) {
                break;
            }
            all.addAll(batch);
        }
        all.forEach(m -> sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()).visibilityTimeout(0)).join());
        return all;
    }

    /** Takes every message off the DLQ for good and returns them, oldest first as the DLQ gave them. */
    List<Message> takeAll(String partner) {
        String url = url(partner, true);
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .visibilityTimeout(60).messageAttributeNames("All")).join().messages();
            if (batch.isEmpty()) {
                return all;
            }
            for (Message m : batch) {
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())).join();
                all.add(m);
            }
        }
    }

    void sendToDlq(String partner, String body) {
        String url = url(partner, true);
        sqs.sendMessage(b -> b.queueUrl(url).messageBody(body)).join();
    }

    void sendToQueue(String partner, String body) {
        String url = url(partner, false);
        sqs.sendMessage(b -> b.queueUrl(url).messageBody(body)).join();
    }
}
