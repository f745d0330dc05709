package com.tact.ciam.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModeTest {

    @Test
    void modesAreReadByTheirScriptNames() {
        assertThat(Mode.of("bad-key")).isEqualTo(Mode.BAD_KEY);
        assertThat(Mode.of("unavailable")).isEqualTo(Mode.UNAVAILABLE);
    }

    @Test
    void anUnknownModeNamesTheKnownOnes() {
        assertThatThrownBy(() -> Mode.of("down")).hasMessageContaining("ok, unavailable, slow, bad-key");
    }
}
