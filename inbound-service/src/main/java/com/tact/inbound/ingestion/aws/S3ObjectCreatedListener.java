package com.tact.inbound.ingestion.aws;

import com.tact.inbound.config.InboundProperties;
import com.tact.inbound.ingestion.IngestionService;
import com.tact.inbound.ingestion.ObjectRef;
import com.tact.inbound.ingestion.RetryableIngestionException;
import com.tact.shared.logging.LogSafe;
import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.awspring.cloud.sqs.listener.Visibility;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inbound queue: S3 ObjectCreated notifications. A message is acknowledged (deleted) once every object
 * it names is DONE or REJECTED in the ledger; a retryable failure leaves it on the queue with a growing
 * visibility timeout, and SQS moves it to the DLQ after maxReceiveCount receives. A message that is not an
 * S3 event at all is dead-lettered the same way (it can never succeed, and the DLQ keeps it for a look).
 * On the last receive ({@code claim.max-receives}) a file that still fails is given up: REJECTED in the
 * ledger with the reason (and a FileRejected event), the message acknowledged. An object of another bucket
 * is ignored.
 * While a file is worked on, the heartbeat keeps the message invisible (Spring Cloud AWS has no heartbeat
 * of its own for one long message).
 */
@Component
class S3ObjectCreatedListener {

    private static final Logger log = LoggerFactory.getLogger(S3ObjectCreatedListener.class);

    private final IngestionService ingestion;
    private final InboundProperties properties;
    private final JsonMapper json;

    S3ObjectCreatedListener(IngestionService ingestion, InboundProperties properties, JsonMapper json) {
        this.ingestion = ingestion;
        this.properties = properties;
        this.json = json;
    }

    @SqsListener(queueNames = "${tact.inbound.queue}", id = "inbound-files")
    void onMessage(String body, Visibility visibility,
                   @Header(name = SqsHeaders.MessageSystemAttributes.SQS_APPROXIMATE_RECEIVE_COUNT, required = false) String receiveCount,
                   @Header(name = MessageHeaders.ID, required = false) Object messageId) {
        List<ObjectRef> objects;
        try {
            objects = S3EventNotification.objectsCreated(json, body);
        } catch (S3EventNotification.MalformedEventException e) {
            log.error("message {} on the inbound queue is not an S3 event and will be dead-lettered: {}", messageId, e.getMessage());
            // it can never succeed: make it visible at once so that it reaches the DLQ without waiting out timeouts
            visibility.changeTo(0);
            throw e;
        }
        int visibilitySeconds = (int) properties.claim().visibilityTimeout().toSeconds();
        int attempt = receiveCount == null ? 1 : Integer.parseInt(receiveCount);
        RetryableIngestionException retry = null;
        for (var object : objects) {
            if (!properties.bucket().equals(object.bucket())) {
                // a notification of another bucket routed here by mistake: nothing of ours to ingest
                log.warn("message {}: ignoring s3://{}/{}: not the inbound bucket '{}'", messageId,
                        LogSafe.text(object.bucket()), LogSafe.text(object.key()), properties.bucket());
                continue;
            }
            try {
                var result = ingestion.ingest(object, IngestionService.Trigger.EVENT,
                        () -> visibility.changeToAsync(visibilitySeconds));
                log.debug("s3://{}/{} -> file {} {}", object.bucket(), LogSafe.text(object.key()), result.fileId(), result.status());
            } catch (RetryableIngestionException e) {
                log.warn("s3://{}/{}: {}", object.bucket(), LogSafe.text(object.key()), LogSafe.text(e.getMessage()));
                if (attempt >= properties.claim().maxReceives() && e.fileId() != null
                        && ingestion.giveUp(e.fileId(), "given up on the queue's last receive (" + attempt + "): " + e.getMessage())) {
                    continue;
                }
                retry = e;
            }
        }
        if (retry != null) {
            long backoff = Math.min(properties.claim().retryBackoff().toSeconds() * attempt, 900);
            visibility.changeToAsync((int) backoff);
            throw retry;
        }
    }
}
