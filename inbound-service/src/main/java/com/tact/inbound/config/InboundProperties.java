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
 * @param limits        bounds on what one request or one file may cost
 * @param push          how many push ingestions run at once
 * @param skipUnchanged record a new version DONE without landing it when its bytes are those of the last landing
 *                      into its table and nothing was written there since (docs/inbound.md, "Unchanged re-loads")
 */
@Validated
@ConfigurationProperties("tact.inbound")
public record InboundProperties(@NotBlank String bucket,
                                @NotBlank String queue,
                                @NotNull DataSize maxFileSize,
                                @Valid @NotNull Claim claim,
                                @Min(1) int maxRecordedErrors,
                                @NotBlank String mergedPrefix,
                                @Valid @NotNull Limits limits,
                                @Valid @NotNull Push push,
                                boolean skipUnchanged) {

    /**
     * @param lease             a claim not renewed for this long may be taken over by another instance
     * @param heartbeat         how often the claim and the SQS message visibility are extended
     * @param visibilityTimeout what each heartbeat sets the message's visibility timeout to
     * @param retryBackoff      visibility given to a message after a retryable failure, times the attempt
     * @param maxAttempts       attempts on one object version that did not finish (failed, or the instance died)
     *                          before it is REJECTED with the last reason
     * @param maxReceives       the inbound queue's maxReceiveCount: on the last receive a file that still fails
     *                          is REJECTED with its reason before SQS dead-letters the message
     */
    public record Claim(@NotNull Duration lease,
                        @NotNull Duration heartbeat,
                        @NotNull Duration visibilityTimeout,
                        @NotNull Duration retryBackoff,
                        @Min(1) int maxAttempts,
                        @Min(1) int maxReceives) {
    }

    /**
     * @param maxFieldLength  characters in one CSV field; longer rejects the file at that line
     * @param maxRecordLength characters in one CSV record (all its fields and quoted line breaks)
     * @param maxValidateSize bytes of a dry-run body, raw or multipart, declared or chunked (413 beyond)
     * @param maxMergeKeys    objects one merge may name
     * @param maxMergeSize    total bytes of the objects one merge may read
     */
    public record Limits(@Min(16) int maxFieldLength,
                         @Min(16) int maxRecordLength,
                         @NotNull DataSize maxValidateSize,
                         @Min(2) int maxMergeKeys,
                         @NotNull DataSize maxMergeSize) {
    }

    /**
     * @param concurrency push ingestions running at once per instance; more get 503 with Retry-After, so that
     *                    pushes cannot take the connections that heartbeats, error reports and releases need
     * @param retryAfter  what the 503 tells the caller to wait
     */
    public record Push(@Min(1) int concurrency, @NotNull Duration retryAfter) {
    }
}
