package com.tact.outbound.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Everything outbound-service reads from configuration (prefix {@code tact.outbound}); defaults in application.yml. */
@Validated
@ConfigurationProperties("tact.outbound")
public record OutboundProperties(@NotBlank String eventBus,
                                 @NotNull Duration shutdownTimeout,
                                 @Valid @NotNull Relay relay,
                                 @Valid @NotNull Dispatch dispatch,
                                 @Valid List<Partner> partners) {

    public List<Partner> partnersOrEmpty() {
        return partners == null ? List.of() : partners;
    }

    public Optional<Partner> partner(String name) {
        return partnersOrEmpty().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * The outbox relay: pending outbox_event rows to the bus with PutEvents. A row the bus refuses
     * {@code parkAfterRefusals} times (or one that can never be accepted: too large, not a JSON object) is parked.
     */
    public record Relay(boolean enabled,
                        @Min(1) @Max(10) int batchSize,
                        @NotNull Duration pollInterval,
                        @Min(1) int maxBatchesPerPoll,
                        @Min(0) @Max(10) int entryRetries,
                        @Min(1) int parkAfterRefusals) {
    }

    /** Queue consumption and the partner calls. */
    public record Dispatch(boolean enabled,
                           @Min(1) @Max(500) int concurrency,
                           @NotNull Duration connectTimeout,
                           @NotNull Duration readTimeout,
                           @NotNull Duration tokenRefreshSkew,
                           @NotNull Duration claimLease,
                           @NotNull Duration heartbeat,
                           @NotNull Duration messageVisibility,
                           @Min(1024) int maxResponseBytes,
                           @NotNull Duration orderingWait,
                           @NotNull Duration orderingHorizon,
                           @Valid @NotNull Retry retry,
                           @Valid @NotNull Breaker circuitBreaker,
                           List<String> allowedPrivateHosts) {

        public List<String> allowedPrivateHostsOrEmpty() {
            return allowedPrivateHosts == null ? List.of() : allowedPrivateHosts;
        }

        /** A beat must come well before the claim or the message's visibility runs out. */
        @AssertTrue(message = "heartbeat must be shorter than claim-lease and message-visibility")
        public boolean isHeartbeatShortEnough() {
            return heartbeat == null || claimLease == null || messageVisibility == null
                    || (heartbeat.compareTo(claimLease) < 0 && heartbeat.compareTo(messageVisibility) < 0);
        }
    }

    /**
     * Retries inside one receive (exponential backoff with jitter), then redelivery by SQS after
     * {@code redeliveryBackoff} x receive count, then the DLQ once the receive count reaches the partner's
     * maxReceiveCount. A Retry-After longer than {@code maxInlineRetryAfter} is honoured through the queue.
     */
    public record Retry(@Min(1) @Max(10) int maxAttempts,
                        @NotNull Duration initialBackoff,
                        @DecimalMin("1.0") double multiplier,
                        @DecimalMin("0.0") @DecimalMax("1.0") double jitter,
                        @NotNull Duration maxBackoff,
                        @NotNull Duration maxInlineRetryAfter,
                        @NotNull Duration redeliveryBackoff) {
    }

    /** One Resilience4j circuit breaker per partner. */
    public record Breaker(@Min(1) int slidingWindowSize,
                          @Min(1) int minimumNumberOfCalls,
                          @DecimalMin("1") @DecimalMax("100") float failureRateThreshold,
                          @NotNull Duration waitDurationInOpenState,
                          @Min(1) int permittedCallsInHalfOpenState) {
    }

    /**
     * One partner. {@code allowedHosts}: the hosts its endpoints may be changed to through the API (an exact host, or
     * {@code *.example.com} for the hosts below it); empty, no change is accepted. Where data may go is the most
     * sensitive setting (an endpoint receives the partner's OAuth token), so the list is deployment configuration,
     * not something the API can change. The endpoints configured here are the deployment's own and are not checked.
     */
    public record Partner(@NotBlank @Pattern(regexp = "^[a-z0-9][a-z0-9-]{0,62}$") String name,
                          @NotBlank String queue,
                          @NotBlank String dlq,
                          @Min(1) int maxReceiveCount,
                          @NotBlank String tokenUrl,
                          @NotBlank String clientId,
                          String clientSecret,
                          String clientSecretId,
                          @NotEmpty List<@Valid Endpoint> endpoints,
                          List<String> eventTypes,
                          List<String> allowedHosts) {

        public List<String> allowedHostsOrEmpty() {
            return allowedHosts == null ? List.of() : allowedHosts.stream().map(String::trim).filter(h -> !h.isEmpty()).toList();
        }

        /** The event types the partner's rule routes to it (as in resources.json): what per-bucket order is kept for. */
        public List<String> eventTypesOrEmpty() {
            return eventTypes == null ? List.of() : eventTypes;
        }

        /** The secret comes from configuration (an environment variable) or from AWS Secrets Manager. */
        @AssertTrue(message = "set client-secret or client-secret-id")
        public boolean isSecretConfigured() {
            return (clientSecret != null && !clientSecret.isBlank()) || (clientSecretId != null && !clientSecretId.isBlank());
        }

        @Override
        public String toString() {
            return "Partner[" + name + ", queue=" + queue + ", endpoints=" + endpoints + "]";
        }
    }

    public record Endpoint(@NotBlank @Pattern(regexp = "^[a-z0-9][a-z0-9-]{0,31}$") String label,
                           @NotBlank String url,
                           @Min(0) @Max(1000) int weight) {
    }
}
