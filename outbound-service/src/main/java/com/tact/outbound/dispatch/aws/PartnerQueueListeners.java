package com.tact.outbound.dispatch.aws;

import com.tact.outbound.config.OutboundProperties;
import com.tact.outbound.dispatch.Decision;
import com.tact.outbound.dispatch.MessageLease;
import com.tact.outbound.dispatch.PartnerDispatcher;
import com.tact.outbound.dispatch.PartnerQueues;
import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.awspring.cloud.sqs.listener.SqsMessageListenerContainer;
import io.awspring.cloud.sqs.listener.Visibility;
import io.awspring.cloud.sqs.listener.acknowledgement.Acknowledgement;
import io.awspring.cloud.sqs.listener.acknowledgement.handler.AcknowledgementMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * One Spring Cloud AWS listener container per partner queue. Acknowledgement is manual: a message is deleted
 * only when delivered, suppressed, a discarded duplicate, or safely in the DLQ; a retry sets the message's
 * visibility to the backoff and leaves it on the queue, so a crash at any point loses nothing. Waiting (for an
 * earlier event of the bucket, for another instance) sends a delayed copy and deletes the message, so that it does
 * not count as a receive. While a delivery is in progress the dispatcher's heartbeat extends the visibility.
 */
@Component
@ConditionalOnProperty(name = "tact.outbound.dispatch.enabled", havingValue = "true", matchIfMissing = true)
class PartnerQueueListeners implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PartnerQueueListeners.class);

    private final SqsAsyncClient sqs;
    private final OutboundProperties properties;
    private final PartnerDispatcher dispatcher;
    private final PartnerQueues queues;
    private final List<SqsMessageListenerContainer<String>> containers = new ArrayList<>();
    private volatile boolean running;

    PartnerQueueListeners(SqsAsyncClient sqs, OutboundProperties properties, PartnerDispatcher dispatcher, PartnerQueues queues) {
        this.sqs = sqs;
        this.properties = properties;
        this.dispatcher = dispatcher;
        this.queues = queues;
    }

    @Override
    public void start() {
        for (OutboundProperties.Partner partner : properties.partnersOrEmpty()) {
            SqsMessageListenerContainer<String> container = SqsMessageListenerContainer.<String>builder()
                    .id("partner-" + partner.name())
                    .sqsAsyncClient(sqs)
                    .queueNames(partner.queue())
                    .configure(o -> o.acknowledgementMode(AcknowledgementMode.MANUAL)
                            .maxConcurrentMessages(properties.dispatch().concurrency())
                            .maxMessagesPerPoll(Math.min(10, properties.dispatch().concurrency()))
                            .pollTimeout(Duration.ofSeconds(2))
                            .messageVisibility(properties.dispatch().messageVisibility())
                            .listenerShutdownTimeout(properties.shutdownTimeout())
                            .acknowledgementShutdownTimeout(properties.shutdownTimeout())
                            .messageSystemAttributeNames(List.of(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)))
                    .messageListener(message -> onMessage(partner, message))
                    .build();
            container.start();
            containers.add(container);
            log.info("listening to {} for partner {}", partner.queue(), partner.name());
        }
        running = true;
    }

    private void onMessage(OutboundProperties.Partner partner, Message<String> message) {
        software.amazon.awssdk.services.sqs.model.Message source =
                message.getHeaders().get(SqsHeaders.SQS_SOURCE_DATA_HEADER, software.amazon.awssdk.services.sqs.model.Message.class);
        String messageId = source == null ? String.valueOf(message.getHeaders().getId()) : source.messageId();
        int receiveCount = receiveCount(source);
        String body = source == null ? message.getPayload() : source.body();
        Visibility visibility = message.getHeaders().get(SqsHeaders.SQS_VISIBILITY_TIMEOUT_HEADER, Visibility.class);
        int heartbeatVisibility = (int) properties.dispatch().messageVisibility().toSeconds();
        MessageLease lease = visibility == null ? MessageLease.NONE : () -> visibility.changeTo(heartbeatVisibility);
        Decision decision = dispatcher.handle(partner.name(), messageId, body, receiveCount, lease);
        switch (decision) {
            case Decision.Ack ack -> Acknowledgement.acknowledge(message);
            case Decision.Requeue requeue -> {
                queues.requeue(partner, body, requeue.after());
                Acknowledgement.acknowledge(message);
                log.debug("partner {}: message {} requeued for {} ({})", partner.name(), messageId, requeue.after(), requeue.why());
            }
            case Decision.DeadLetter dead -> {
                queues.deadLetter(partner, body, dead.reason());
                Acknowledgement.acknowledge(message);
            }
            case Decision.RetryLater later -> {
                if (visibility != null) {
                    visibility.changeTo((int) Math.max(0, Math.min(Visibility.MAX_VISIBILITY_TIMEOUT_SECONDS, later.after().toSeconds())));
                }
                log.debug("partner {}: message {} back in {} ({})", partner.name(), messageId, later.after(), later.why());
            }
        }
    }

    private static int receiveCount(software.amazon.awssdk.services.sqs.model.Message source) {
        if (source == null) {
            return 1;
        }
        Map<MessageSystemAttributeName, String> attributes = source.attributes();
        try {
            return Integer.parseInt(attributes.getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    @Override
    public void stop() {
        containers.forEach(SqsMessageListenerContainer::stop);
        containers.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // start after the web server and the relay's dependencies; stop first
        return Integer.MAX_VALUE - 100;
    }
}
