package com.tact.alerting.it;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The emulator as the tests see it (the environment ./tact test exports): clients, and SQS queues subscribed to a
 * topic with raw message delivery, as a subscriber using the SQS extended client would be.
 */
final class CloudFixture {

    static final String ENV = env("TACT_ENV", "local");
    static final int TIME_SCALE = Integer.parseInt(env("TACT_IT_TIME_SCALE", "3"));
    static final URI ENDPOINT = URI.create(required("AWS_ENDPOINT_URL"));
    static final Region REGION = Region.of(env("AWS_REGION", "us-east-1"));
    static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create(env("AWS_ACCESS_KEY_ID", "local"), env("AWS_SECRET_ACCESS_KEY", "local")));

    static final SnsClient SNS = SnsClient.builder().endpointOverride(ENDPOINT).region(REGION).credentialsProvider(CREDENTIALS).build();
    static final SqsClient SQS = SqsClient.builder().endpointOverride(ENDPOINT).region(REGION).credentialsProvider(CREDENTIALS).build();
    static final S3Client S3 = S3Client.builder().endpointOverride(ENDPOINT).region(REGION).credentialsProvider(CREDENTIALS)
            .forcePathStyle(true).build();
    static final EventBridgeClient EVENTS = EventBridgeClient.builder().endpointOverride(ENDPOINT).region(REGION)
            .credentialsProvider(CREDENTIALS).build();

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
        return Duration.ofSeconds(seconds).multipliedBy(TIME_SCALE);
    }

    /** An exact duration, not stretched. */
    static Duration seconds(int seconds) {
        return Duration.ofSeconds(seconds);
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static String required(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(name + " is not set: run the ITs through ./tact test (it starts moto and Postgres)");
        }
        return v;
    }
}
