package com.tact.ciam.sim;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** How the IdP endpoints behave while a step lasts. */
public enum Mode {
    /** answer normally */
    OK("ok"),
    /** answer 503 problem+json with Retry-After */
    UNAVAILABLE("unavailable"),
    /** wait {@code delayMs}, then answer normally */
    SLOW("slow"),
    /** sign tokens with a key that /oauth2/jwks does not publish: relying parties must refuse them */
    BAD_KEY("bad-key");

    private final String wire;

    Mode(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static Mode of(String wire) {
        return Arrays.stream(values()).filter(m -> m.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown mode '" + wire + "', expected one of "
                        + Arrays.stream(values()).map(Mode::wire).collect(Collectors.joining(", "))));
    }
}
