package com.tact.mockpartner;

/**
 * One scripted behaviour of a partner endpoint. A step applies to its next {@code times} calls, or for
 * {@code forMillis} after its first call (the "day 1 / day 2" scripts), or for ever when it has neither.
 *
 * @param status            HTTP status to answer (200 when 0)
 * @param delayMs           wait this long before answering (a slow partner; longer than the client's read
 *                          timeout is a time-out)
 * @param retryAfterSeconds sent as Retry-After when positive (429 / 503)
 * @param body              response body (JSON), optional
 * @param endpoint          only calls to this endpoint label consume the step; null for any
 * @param headers           extra response headers (e.g. Location for a redirect), optional
 * @param bodyBytes         when positive, a body of this many bytes instead of {@code body} (a partner answering
 *                          far more than anyone should read)
 */
record Step(int status, long delayMs, int retryAfterSeconds, String body, Integer times, Long forMillis, String endpoint,
            java.util.Map<String, String> headers, long bodyBytes) {

    static Step accept() {
        return new Step(200, 0, 0, null, null, null, null, java.util.Map.of(), 0);
    }

    int statusOrOk() {
        return status == 0 ? 200 : status;
    }

    boolean matches(String endpointLabel) {
        return endpoint == null || endpoint.equals(endpointLabel);
    }
}
