package com.tact.outbound.dispatch.internal;

import com.tact.outbound.dispatch.PartnerGateway;
import java.time.Duration;

/**
 * What a partner's answer means for the delivery: success, or the failure that retry and breaker act on. 5xx, 408,
 * time-outs and connection errors are retryable and count against the breaker; 429 is retryable without counting;
 * a Retry-After longer than {@code maxInline} is deferred to the queue; a refused host and any other status (4xx,
 * 3xx: redirects are not followed) are permanent.
 */
public final class CallOutcomePolicy {

    private CallOutcomePolicy() {
    }

    /** Returns normally on success; throws the failure otherwise. */
    public static void check(PartnerGateway.Response r, String endpointLabel, Duration maxInline) {
        switch (r.outcome()) {
            case SUCCESS -> {
            }
            case UNAUTHORIZED -> throw new RetryableFailure("401 with a fresh token", null, true);
            case TIMEOUT, IO_ERROR -> throw new RetryableFailure(r.error(), null, true);
            case REFUSED -> throw new PermanentFailure("endpoint " + endpointLabel + " refused: " + r.error());
            case HTTP_ERROR -> {
                int s = r.statusCode();
                boolean retryable = s == 408 || s == 429 || s >= 500;
                if (!retryable) {
                    throw new PermanentFailure("partner answered " + r.error());
                }
                if (r.retryAfter() != null && r.retryAfter().compareTo(maxInline) > 0) {
                    throw new DeferredFailure("partner asked to retry after " + r.retryAfter().toSeconds() + " s (" + s + ")",
                            r.retryAfter());
                }
                throw new RetryableFailure("partner answered " + r.error(), r.retryAfter(), s != 429);
            }
        }
    }
}
