package com.tact.alerting.alert.aws;

import com.tact.alerting.alert.Notification;
import com.tact.alerting.alert.NotificationPublisher;
import com.tact.shared.tracing.MessageTracing;
import io.micrometer.tracing.Span;
import com.tact.alerting.alert.internal.AlertText;
import com.tact.alerting.config.AlertingProperties;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.InvalidParameterValueException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.Topic;
import software.amazon.payloadoffloading.Util;
import software.amazon.sns.AmazonSNSExtendedClientUtil;

/**
 * Publishes through AWS's SNS extended client: a body (plus attributes) above the threshold goes to the payload
 * bucket and SNS carries the pointer, which a subscriber using the SQS extended client resolves transparently
 * (with raw message delivery, so that the ExtendedPayloadSize attribute reaches the queue).
 *
 * <p>The S3 key is the alert id: a retry after a failed Publish overwrites the same object instead of leaving
 * orphans, and the history can name the object.
 */
@Component
class SnsAlertPublisher implements NotificationPublisher {

    /** The SNS extended client reads this attribute as the S3 key to use. */
    static final String S3_KEY_ATTRIBUTE = "S3Key";
    static final String KEY_PREFIX = "alerts/";

    private final SnsClient extendedSns;
    private final SnsClient plainSns;
    private final AlertingProperties properties;
    private final Map<String, String> topicArns = new ConcurrentHashMap<>();
    private final MessageTracing tracing;

    SnsAlertPublisher(AlertSnsClients clients, AlertingProperties properties, MessageTracing tracing) {
        this.extendedSns = clients.extended();
        this.plainSns = clients.plain();
        this.properties = properties;
        this.tracing = tracing;
    }

    /** One PRODUCER span per publish, a child of the trace the alert was raised in; subscribers get its context. */
    @Override
    public Published publish(Notification n) {
        var span = tracing.startChild(n.traceparent(), "publish " + n.topic(), Span.Kind.PRODUCER);
        span.tag("messaging.system", "aws_sns").tag("messaging.operation.type", "send")
                .tag("messaging.destination.name", properties.topics().getOrDefault(n.topic(), n.topic()))
                .tag("tact.alert.id", n.alertId().toString());
        return tracing.within(span, () -> {
            Map<String, MessageAttributeValue> attributes = attributes(n);
            tracing.fields(span.context()).forEach((name, value) -> attributes.put(name, string(value)));
            return send(n, attributes);
        });
    }

    private Published send(Notification n, Map<String, MessageAttributeValue> attributes) {
        try {
            boolean offload = willOffload(n.body(), attributes);
            String key = KEY_PREFIX + n.alertId();
            if (offload) {
                attributes.put(S3_KEY_ATTRIBUTE, string(key));
            }
            var request = PublishRequest.builder()
                    .topicArn(topicArn(n.topic()))
                    .subject(AlertText.snsSubject(n.severity().name(), n.title()))
                    .message(n.body().isEmpty() ? "(no body)" : n.body())
                    .messageAttributes(attributes)
                    .build();
            var response = extendedSns.publish(request);
            return new Published(response.messageId(),
                    offload ? "s3://" + properties.payload().bucket() + "/" + key : null);
        } catch (InvalidParameterException | InvalidParameterValueException e) {
            throw new PublishException("SNS refused the message: " + errorMessage(e), false, e);
        } catch (AwsServiceException e) {
            // a parameter SNS says is missing (a FIFO topic wants MessageGroupId) is refused the same way every time
            // the same refusal spelled as the SDK did not model it (InvalidParameterException from SNS-compatible
            // endpoints such as MiniStack) is as permanent as the modelled InvalidParameter
            String code = errorCode(e);
            boolean permanent = "MissingParameter".equals(code) || code != null && code.startsWith("InvalidParameter");
            throw new PublishException((permanent ? "SNS refused the message: " : "SNS/S3 error ") + e.statusCode() + " "
                    + code + ": " + errorMessage(e), !permanent, e);
        } catch (SdkException e) {
            throw new PublishException("SNS unreachable: " + e.getMessage(), true, e);
        }
    }

    /** Exceptions the SDK did not build from a response (or a test built) carry no error details. */
    private static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null ? e.getClass().getSimpleName() : e.awsErrorDetails().errorCode();
    }

    private static String errorMessage(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null ? e.getMessage()
                : e.awsErrorDetails().errorMessage();
    }

    /** The same arithmetic the extended client applies, so that the history knows where the body went. */
    private boolean willOffload(String body, Map<String, MessageAttributeValue> attributes) {
        var payload = properties.payload();
        long size = Util.getStringSizeInBytes(body) + AmazonSNSExtendedClientUtil.getMsgAttributesSize(attributes);
        return payload.alwaysThroughS3() || size > payload.thresholdBytes();
    }

    /**
     * At most 9 attributes: the extended client refuses more for offloaded messages (10 with its own). Six here,
     * the trace context (traceparent, and X-Amzn-Trace-Id with X-Ray) and the S3 key of an offloaded body.
     */
    private static Map<String, MessageAttributeValue> attributes(Notification n) {
        var attributes = new HashMap<String, MessageAttributeValue>();
        attributes.put("alertId", string(n.alertId().toString()));
        attributes.put("severity", string(n.severity().name()));
        attributes.put("source", string(n.source()));
        attributes.put("topic", string(n.topic()));
        attributes.put("dedupKey", string(n.dedupKey()));
        attributes.put("occurrences", MessageAttributeValue.builder().dataType("Number")
                .stringValue(Integer.toString(n.occurrences())).build());
        return attributes;
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    /**
     * Terraform passes ARNs; a plain name is looked up (sns:ListTopics), never created. A name that does not exist
     * (yet) is a retryable failure of the whole topic: the relay records it on the alert and backs off, and the
     * next attempt looks again, so creating the topic is enough to let the outbox drain.
     */
    private String topicArn(String audience) {
        String configured = properties.topics().get(audience);
        if (configured == null) {
            throw new PublishException("no topic is configured for audience '" + audience + "'", true, null);
        }
        if (configured.startsWith("arn:")) {
            return configured;
        }
        String arn = topicArns.computeIfAbsent(configured, name -> plainSns.listTopicsPaginator().topics().stream()
                .map(Topic::topicArn)
                .filter(candidate -> candidate.endsWith(":" + name))
                .findFirst()
                .orElse(null));
        if (arn == null) {
            throw new PublishException("SNS topic '" + configured + "' (audience '" + audience + "') does not exist",
                    true, null);
        }
        return arn;
    }
}
