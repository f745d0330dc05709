package com.tact.console.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything console-service reads from configuration (prefix {@code tact.console}). The buckets and queues are
 * the suite's, declared here: the console never touches a bucket, prefix or queue that is not listed.
 *
 * @param buckets             the buckets operators may browse, each with the key prefixes allowed in it
 * @param queues              the suite's queues: sources and their DLQs, paired
 * @param inboundNotification what the inbound bucket's S3 notification sends where (synthetic S3 events)
 * @param objects             S3 limits
 * @param messages            SQS limits
 * @param purge               the purge confirmation
 */
@Validated
@ConfigurationProperties("tact.console")
public record ConsoleProperties(@NotEmpty List<@Valid Bucket> buckets,
                                @NotEmpty List<@Valid Queue> queues,
                                @Valid @NotNull InboundNotification inboundNotification,
                                @Valid @NotNull @DefaultValue Objects objects,
                                @Valid @NotNull @DefaultValue Messages messages,
                                @Valid @NotNull @DefaultValue Purge purge) {

    /**
     * @param name     the bucket
     * @param prefixes key prefixes operators may see; an empty prefix ("") allows the whole bucket
     */
    public record Bucket(@NotBlank String name, @NotEmpty List<@NotNull String> prefixes) {
    }

    public enum QueueKind { SOURCE, DLQ }

    /**
     * @param name       the queue's name (not its URL)
     * @param kind       source (consumed by a service) or dlq (where the source's failed messages end)
     * @param pairedWith a source's DLQ, a DLQ's source queue
     */
    public record Queue(@NotBlank String name, @NotNull QueueKind kind, String pairedWith) {
    }

    /**
     * @param bucket the inbound bucket
     * @param prefix the notification's prefix filter: only keys under it are announced
     * @param queue  the queue the notification delivers to
     */
    public record InboundNotification(@NotBlank String bucket, @NotNull String prefix, @NotBlank String queue) {
    }

    /**
     * @param maxKeys    the largest page a listing returns (S3's own limit is 1000)
     * @param presignTtl how long a presigned download URL stays valid
     */
    public record Objects(@DefaultValue("1000") @Min(1) @Max(1000) int maxKeys,
                          @DefaultValue("5m") @NotNull Duration presignTtl) {
    }

    /**
     * @param peekBodyBytes    a peeked body longer than this is cut (and flagged) in the answer
     * @param redriveMaxPerCall the most messages one redrive call moves
     * @param maxMessageBytes  body plus attributes of a published message (SQS allows 256 KiB)
     */
    public record Messages(@DefaultValue("4096") @Min(64) int peekBodyBytes,
                           @DefaultValue("100") @Min(1) @Max(10000) int redriveMaxPerCall,
                           @DefaultValue("262144") @Min(1024) @Max(262144) int maxMessageBytes) {
    }

    /**
     * @param confirmationKey    HMAC key of purge confirmation tokens; unset, a random key per process (then a
     *                           token is only good on the instance that issued it: set one key for all instances)
     * @param confirmationWindow how long a confirmation token stays good (at least this long, at most twice)
     */
    public record Purge(String confirmationKey,
                        @DefaultValue("2m") @NotNull Duration confirmationWindow) {
    }
}
