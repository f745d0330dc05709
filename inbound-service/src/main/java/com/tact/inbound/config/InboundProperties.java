package com.tact.inbound.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * inbound-service settings (prefix {@code tact.inbound}); defaults in application.yml.
 *
 * @param bucket        the inbound bucket (push-mode requests may name only this one)
 * @param queue         the queue that receives the bucket's ObjectCreated notifications
 * @param maxFileSize   larger objects are rejected without being read
 * @param claim         how long a claim on an object version lasts, and how often it is renewed
 * @param maxRecordedErrors row errors stored per file; the rest are counted, not stored
 * @param mergedPrefix  where merged objects are written (outside the notification prefix)
 */
@Validated
@ConfigurationProperties("tact.inbound")
public record InboundProperties(@NotBlank String bucket,
                                @NotBlank String queue,
                                @NotNull DataSize maxFileSize,
                                @Valid @NotNull Claim claim,
                                @Min(1) int maxRecordedErrors,
                                @NotBlank String mergedPrefix) {

    /**
     * @param lease             a claim not renewed for this long may be taken over by another instance
     * @param heartbeat         how often the claim and the SQS message visibility are extended
     * @param visibilityTimeout what each heartbeat sets the message's visibility timeout to
     * @param retryBackoff      visibility given to a message after a retryable failure, times the attempt
     */
    public record Claim(@NotNull Duration lease,
                        @NotNull Duration heartbeat,
                        @NotNull Duration visibilityTimeout,
                        @NotNull Duration retryBackoff) {
    }
}
