package com.tact.console.queues.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.tact.console.errors.ConsoleException;
import com.tact.console.errors.ConsoleException.Kind;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageRulesTest {

    @Test
    void theSizeCountsBodyAndAttributesInUtf8Bytes() {
        int max = 262144;
        assertThatCode(() -> MessageRules.check("a".repeat(max), null, max)).doesNotThrowAnyException();
        var e = catchThrowableOfType(ConsoleException.class,
                () -> MessageRules.check("a".repeat(max - 10), Map.of("k", "0123456789"), max));
        assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
        assertThat(catchThrowableOfType(ConsoleException.class, () -> MessageRules.check("é".repeat(max / 2 + 1), null, max))
                .kind()).isEqualTo(Kind.TOO_LARGE);
    }

    @Test
    void charactersSqsRefusesAreNamedWithTheirPosition() {
        var e = catchThrowableOfType(ConsoleException.class, () -> MessageRules.check("ok\u0001", null, 1024));
        assertThat(e.reason()).isEqualTo("body-invalid-character");
        assertThat(e.getMessage()).contains("index 2");
    }

    @Test
    void reservedOrMalformedAttributeNamesAreRefused() {
        for (String name : new String[] {"AWS.x", "amazon.y", ".a", "a.", "a..b", "a b", ""}) {
            assertThat(catchThrowableOfType(ConsoleException.class, () -> MessageRules.check("b", Map.of(name, "v"), 1024))
                    .reason()).as(name).isEqualTo("attribute-name-invalid");
        }
        assertThatCode(() -> MessageRules.check("b", Map.of("tact-trace_id.v1", "v"), 1024)).doesNotThrowAnyException();
    }

    @Test
    void anEmptyBodyIsRefused() {
        assertThat(catchThrowableOfType(ConsoleException.class, () -> MessageRules.check("", null, 1024)).reason())
                .isEqualTo("body-missing");
    }
}
