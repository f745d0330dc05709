package com.tact.alerting.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tact.alerting.alert.AlertRejectedException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AlertTextTest {

    @Test
    void malformedUtf8IsRefusedNotReplaced() {
        assertThatThrownBy(() -> AlertText.decodeUtf8(new byte[] {'o', 'k', (byte) 0xC3, (byte) 0x28}))
                .isInstanceOf(AlertRejectedException.class).hasMessageContaining("not valid UTF-8");
        assertThat(AlertText.decodeUtf8("Zürich €".getBytes(StandardCharsets.UTF_8))).isEqualTo("Zürich €");
    }

    @Test
    void utf8LengthCountsBytesLikeTheEncoder() {
        String s = "aé€😀";
        assertThat(AlertText.utf8Length(s)).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length).isEqualTo(10);
    }

    @Test
    void nulAndLoneSurrogatesCannotBeStored() {
        assertThatThrownBy(() -> AlertText.requireStorable("body", "a\u0000b")).hasMessageContaining("NUL");
        assertThatThrownBy(() -> AlertText.requireStorable("body", "a\ud800b")).hasMessageContaining("surrogate");
        AlertText.requireStorable("body", "emoji 😀 ok");
    }

    @Test
    void snsSubjectIsAsciiWithoutControlsAndUnder100Characters() {
        String subject = AlertText.snsSubject("CRITICAL", "Datei abgelehnt:\nZürich " + "x".repeat(200));
        assertThat(subject).startsWith("[CRITICAL] Datei abgelehnt: Z?rich").hasSizeLessThan(100);
        assertThat(subject.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
    }
}
