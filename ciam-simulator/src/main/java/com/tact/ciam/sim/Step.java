package com.tact.ciam.sim;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * One scripted behaviour of the IdP endpoints, as the mock partner's steps are. A step applies to its next
 * {@code times} calls, or for {@code forMillis} after its first call (the "day 1 / day 2" scripts), or for ever
 * when it has neither.
 *
 * @param mode              ok, unavailable, slow or bad-key
 * @param delayMs           how long a {@code slow} step waits before answering
 * @param retryAfterSeconds the Retry-After of an {@code unavailable} answer (1 when absent)
 * @param times             how many calls the step lasts
 * @param forMillis         how long the step lasts after its first call
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Step(@NotNull Mode mode, @PositiveOrZero Long delayMs, @Positive Integer retryAfterSeconds,
                   @Positive Integer times, @Positive Long forMillis) {

    static final Step OK = new Step(Mode.OK, null, null, null, null);

    long delay() {
        return delayMs == null ? 0 : delayMs;
    }

    int retryAfter() {
        return retryAfterSeconds == null ? 1 : retryAfterSeconds;
    }
}
