package com.tact.alerting.it;

import com.tact.testsupport.Cloud;
import com.tact.testsupport.Env;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The emulator as alerting's tests see it (clients from tact-test-support's {@link Cloud}) (the environment ./tact test exports): clients, and SQS queues subscribed to a
 * topic with raw message delivery, as a subscriber using the SQS extended client would be.
 */
final class CloudFixture {

    static final String ENV = Cloud.ENV;
    static final URI ENDPOINT = Cloud.ENDPOINT;
    static final SnsClient SNS = Cloud.SNS;
    static final SqsClient SQS = Cloud.SQS;
    static final S3Client S3 = Cloud.S3;
    static final EventBridgeClient EVENTS = Cloud.EVENTS;

    private CloudFixture() {
    }

    static String topicArn(String name) {
        return SNS.createTopic(b -> b.name(name)).topicArn(); // idempotent: returns the existing topic
    }

    /** A fresh queue subscribed to the topic (raw delivery), receiving only messages whose attribute matches. */
    static String subscribe(String topicName, String attribute, String value) {
        String queueUrl = SQS.createQueue(b -> b.queueName("it-" + UUID.randomUUID())).queueUrl();
        String queueArn = SQS.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        SNS.subscribe(b -> b.topicArn(topicArn(topicName)).protocol("sqs").endpoint(queueArn)
                .attributes(Map.of("RawMessageDelivery", "true",
                        "FilterPolicy", "{\"" + attribute + "\":[\"" + value + "\"]}")));
        return queueUrl;
    }

    /** Receives (and deletes) whatever is on the queue now. */
    static List<Message> drain(String queueUrl) {
        var all = new ArrayList<Message>();
        while (true) {
            var messages = SQS.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .messageAttributeNames("All")).messages();
            if (messages.isEmpty()) {
                return all;
            }
            for (var m : messages) {
                SQS.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
            all.addAll(messages);
        }
    }

    /**
     * "Exactly n": keeps draining for longer than a group wait plus a relay backoff and fails, naming what came,
     * as soon as more than n notifications have arrived.
     */
    static void assertNoMoreArrive(String queueUrl, List<Message> received, int expected) {
        org.awaitility.Awaitility.await().during(seconds(6)).atMost(seconds(10)).untilAsserted(() -> {
            received.addAll(drain(queueUrl));
            org.assertj.core.api.Assertions.assertThat(received).as("notifications (alert ids %s)",
                    received.stream().map(m -> attribute(m, "alertId")).toList()).hasSize(expected);
        });
    }

    static String attribute(Message m, String name) {
        var v = m.messageAttributes().get(name);
        return v == null ? null : v.stringValue();
    }

    static int motoPort() {
        return ENDPOINT.getPort();
    }

    /**
     * An upper bound for waiting on the service, stretched by TACT_IT_TIME_SCALE (default 3): an IT must not fail
     * because a shared 2-core machine is busy. Bounds that are part of what a test asserts use {@link #seconds}.
     */
    static Duration timeout(int seconds) {
        return Env.timeout(seconds);
    }

    /** An exact duration, not stretched. */
    static Duration seconds(int seconds) {
        return Duration.ofSeconds(seconds);
    }

    static String env(String name, String fallback) {
        return Env.get(name, fallback);
    }
}
