package com.tact.outbound.dispatch;

import com.tact.outbound.config.OutboundProperties.Partner;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;

/** Port: one HTTP call to a partner's API with its OAuth token. */
public interface PartnerGateway {

    /**
     * Sends {@code body} to {@code endpoint} with a bearer token of the partner's client-credentials grant and the
     * event id as Idempotency-Key. Never throws for a failed call: the outcome says what happened. On a 401 the
     * token used is dropped, so that the next call fetches a fresh one.
     */
    /** Calls the partner; the call continues the current trace (its context travels in the request headers). */
    Response send(Partner partner, URI endpoint, UUID eventId, byte[] body);

    /** REFUSED: the SSRF guard refused the host (of the endpoint or of the token URL) when the call connected. */
    enum Outcome { SUCCESS, HTTP_ERROR, TIMEOUT, IO_ERROR, UNAUTHORIZED, REFUSED }

    record Response(Outcome outcome, int statusCode, Duration retryAfter, long latencyMs, String error) {
    }
}
