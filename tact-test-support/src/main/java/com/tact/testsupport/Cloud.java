package com.tact.testsupport;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Clients of the run's emulator, from the environment ./tact test exports (path-style S3, as the emulators want). */
public final class Cloud {

    public static final String ENV = Env.get("TACT_ENV", "local");
    public static final URI ENDPOINT = URI.create(Env.required("AWS_ENDPOINT_URL"));
    public static final Region REGION = Region.of(Env.get("AWS_REGION", "us-east-1"));
    public static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create(Env.get("AWS_ACCESS_KEY_ID", "local"), Env.get("AWS_SECRET_ACCESS_KEY", "local")));

    public static final S3Client S3 = S3Client.builder().endpointOverride(ENDPOINT).region(REGION).credentialsProvider(CREDENTIALS)
            .forcePathStyle(true).build();
    public static final SqsClient SQS = SqsClient.builder().endpointOverride(ENDPOINT).region(REGION).credentialsProvider(CREDENTIALS).build();
    public static final SnsClient SNS = SnsClient.builder().endpointOverride(ENDPOINT).region(REGION).credentialsProvider(CREDENTIALS).build();
    public static final EventBridgeClient EVENTS = EventBridgeClient.builder().endpointOverride(ENDPOINT).region(REGION)
            .credentialsProvider(CREDENTIALS).build();

    private Cloud() {
    }

    public static String queueUrl(String name) {
        return SQS.getQueueUrl(b -> b.queueName(name)).queueUrl();
    }

    /** "visible/in flight" messages of a queue, for awaits that report what they saw. */
    public static String queueDepth(String queueUrl) {
        var attrs = SQS.getQueueAttributes(a -> a.queueUrl(queueUrl).attributeNamesWithStrings(
                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
        return attrs.get("ApproximateNumberOfMessages") + "/" + attrs.get("ApproximateNumberOfMessagesNotVisible");
    }
}
