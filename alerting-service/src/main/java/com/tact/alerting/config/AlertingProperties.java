package com.tact.alerting.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything alerting-service reads from configuration (prefix {@code tact.alerting}).
 *
 * @param snsEndpoint the SNS endpoint; unset, the SDK resolves it as usual (AWS_ENDPOINT_URL_SNS,
 *                    AWS_ENDPOINT_URL, then the regional name, which the VPC interface endpoint's private DNS
 *                    answers). Set it to the interface endpoint's DNS name when private DNS is off.
 * @param topics      audience -> topic ARN or name. An alert without a topic goes to the lower-cased severity.
 * @param shutdownTimeout how long a stopping instance waits for work in progress (a publish, a message being
 *                    taken in) before it interrupts it; the alert or message is then handled again after restart
 * @param restrictedTopics topics (audiences, keys of {@code topics}) whose alert bodies only an operator or admin
 *                    reads through the API; a viewer sees that the body is withheld. Each must be a configured topic,
 *                    so that a typo cannot leave a body readable.
 */
@Validated
@ConfigurationProperties("tact.alerting")
public record AlertingProperties(URI snsEndpoint,
                                 @NotEmpty Map<String, @NotBlank String> topics,
                                 @Valid @NotNull Payload payload,
                                 @Valid @NotNull Outbox outbox,
                                 @Valid @NotNull Dedup dedup,
                                 @Valid @NotNull Events events,
                                 @DefaultValue("3s") @NotNull Duration shutdownTimeout,
                                 @DefaultValue List<@NotBlank String> restrictedTopics) {

    public boolean restricted(String topic) {
        return restrictedTopics != null && restrictedTopics.contains(topic);
    }

    @AssertTrue(message = "every tact.alerting.restricted-topics entry must be a key of tact.alerting.topics")
    public boolean isEveryRestrictedTopicConfigured() {
        return restrictedTopics == null || topics == null || topics.keySet().containsAll(restrictedTopics);
    }

    /**
     * @param bucket          where offloaded bodies go (the SNS extended client's payload bucket)
     * @param thresholdBytes  body + attributes above this go to S3. SNS allows 262144 bytes including attributes;
     *                        the default leaves room for them.
     * @param alwaysThroughS3 offload every body, small ones too
     * @param maxBodyBytes    larger bodies are refused (413): the service never holds an unbounded body
     */
    public record Payload(@NotBlank String bucket,
                          @DefaultValue("245760") @Min(1024) @Max(262144) int thresholdBytes,
                          @DefaultValue("false") boolean alwaysThroughS3,
                          @DefaultValue("8388608") @Min(1024) int maxBodyBytes) {
    }

    /**
     * @param pollInterval        how often the relay looks for stored alerts
     * @param batchSize           alerts one topic's relay publishes before it polls again
     * @param initialBackoff      first wait after a retryable failure; doubles up to maxBackoff
     * @param maxBackoff          longest wait between attempts while SNS is unreachable
     * @param ratePerMinute       notifications per topic per minute; alerts above it wait their turn
     * @param snsAttemptTimeout   one SNS call; short, so that a cut network path is noticed quickly
     * @param topicRatePerMinute  per-topic overrides of ratePerMinute
     */
    public record Outbox(@DefaultValue("200ms") @NotNull Duration pollInterval,
                         @DefaultValue("50") @Min(1) int batchSize,
                         @DefaultValue("500ms") @NotNull Duration initialBackoff,
                         @DefaultValue("60s") @NotNull Duration maxBackoff,
                         @DefaultValue("120") @Min(1) int ratePerMinute,
                         @DefaultValue("5s") @NotNull Duration snsAttemptTimeout,
                         Map<String, @Min(1) Integer> topicRatePerMinute) {

        public int ratePerMinute(String topic) {
            return topicRatePerMinute == null ? ratePerMinute : topicRatePerMinute.getOrDefault(topic, ratePerMinute);
        }
    }

    /**
     * @param window    how long after a group's notification was published (after its last attempt, if it
     *                  FAILED) alerts with the same topic and dedup key are still counted on it instead of being
     *                  notified again; while the group's first alert still waits in the outbox, every such alert
     *                  folds into it however long that takes
     * @param groupWait how long the first alert of a group waits for duplicates before it is published
     *                  (Alertmanager's group_wait); the notification carries the count
     */
    public record Dedup(@DefaultValue("5m") @NotNull Duration window,
                        @DefaultValue("10s") @NotNull Duration groupWait) {
    }

    /** @param queue the queue the EventBridge rule feeds with the suite's events */
    public record Events(@DefaultValue("true") boolean enabled, @NotBlank String queue) {
    }
}
