package com.tact.console.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.tact.console.config.ConsoleProperties.Bucket;
import com.tact.console.errors.ConsoleException;
import com.tact.console.errors.ConsoleException.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectAccessPolicyTest {

    private final ObjectAccessPolicy policy = new ObjectAccessPolicy(List.of(
            new Bucket("inbound", List.of("incoming/", "merged/")),
            new Bucket("payloads", List.of(""))));

    @ParameterizedTest
    @ValueSource(strings = {"incoming/allocations/a.csv", "merged/x", "incoming/a b+c%20(1).csv", "incoming/ümlaut.csv",
            "incoming/a..b.csv", "incoming/.hidden", "incoming//double"})
    void keysUnderAnAllowedPrefixPass(String key) {
        assertThatCode(() -> policy.checkKey("inbound", key)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "incoming/../secret.csv     | key-dot-segment",
            "incoming/a/../../etc       | key-dot-segment",
            "incoming/./a.csv           | key-dot-segment",
            "incoming/..                | key-dot-segment",
            "/incoming/a.csv            | key-leading-slash",
            "incoming\\..\\a.csv        | key-backslash",
            "incoming/a\\b.csv          | key-backslash",
            "other/a.csv                | key-outside-allowed-prefixes",
            "incoming                   | key-outside-allowed-prefixes",
            "Incoming/a.csv             | key-outside-allowed-prefixes",
    })
    void malformedOrForeignKeysAreRefusedWithTheReason(String key, String reason) {
        var e = catchThrowableOfType(ConsoleException.class, () -> policy.checkKey("inbound", key));
        assertThat(e.kind()).isEqualTo(Kind.INVALID);
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.parameter()).isEqualTo("key");
    }

    @Test
    void controlCharactersAreRefusedWithTheirPosition() {
        for (String key : List.of("incoming/a\nb.csv", "incoming/a\rb", "incoming/\u0000", "incoming/a\u007f",
                "incoming/a\u0085b", "incoming/a\u2028b")) {
            var e = catchThrowableOfType(ConsoleException.class, () -> policy.checkKey("inbound", key));
            assertThat(e.reason()).as(key).isEqualTo("key-control-character");
            assertThat(e.getMessage()).contains("at index");
        }
    }

    @Test
    void keysOver1024BytesAreRefusedCountingUtf8Bytes() {
        String fits = "incoming/" + "a".repeat(1024 - 9);
        assertThatCode(() -> policy.checkKey("inbound", fits)).doesNotThrowAnyException();
        var tooLong = catchThrowableOfType(ConsoleException.class, () -> policy.checkKey("inbound", fits + "a"));
        assertThat(tooLong.reason()).isEqualTo("key-too-long");
        // 400 two-byte characters: 409 characters, 809 bytes pass; 600 of them (1209 bytes) do not
        assertThatCode(() -> policy.checkKey("inbound", "incoming/" + "é".repeat(400))).doesNotThrowAnyException();
        assertThat(catchThrowableOfType(ConsoleException.class,
                () -> policy.checkKey("inbound", "incoming/" + "é".repeat(600))).reason()).isEqualTo("key-too-long");
    }

    @Test
    void anUnpairedSurrogateIsRefused() {
        var e = catchThrowableOfType(ConsoleException.class, () -> policy.checkKey("inbound", "incoming/\ud800x"));
        assertThat(e.reason()).isEqualTo("key-invalid-unicode");
    }

    @Test
    void anEmptyKeyIsRefused() {
        assertThat(catchThrowableOfType(ConsoleException.class, () -> policy.checkKey("inbound", "")).reason())
                .isEqualTo("key-missing");
    }

    @Test
    void anUnknownBucketIsForbiddenWhateverTheKey() {
        var e = catchThrowableOfType(ConsoleException.class, () -> policy.checkKey("someone-elses-bucket", "incoming/a"));
        assertThat(e.kind()).isEqualTo(Kind.FORBIDDEN);
        assertThat(e.reason()).isEqualTo("bucket-not-allowed");
        assertThat(catchThrowableOfType(ConsoleException.class, () -> policy.checkKey("inbound/../x", "incoming/a")).kind())
                .isEqualTo(Kind.FORBIDDEN);
    }

    @Test
    void anEmptyPrefixIsAllowedOnlyWhereTheWholeBucketIs() {
        assertThatCode(() -> policy.checkPrefix("payloads", "")).doesNotThrowAnyException();
        assertThatCode(() -> policy.checkKey("payloads", "any/key")).doesNotThrowAnyException();
        var e = catchThrowableOfType(ConsoleException.class, () -> policy.checkPrefix("inbound", ""));
        assertThat(e.reason()).isEqualTo("prefix-outside-allowed-prefixes");
        assertThat(e.properties()).containsEntry("allowedPrefixes", List.of("incoming/", "merged/"));
    }

    @Test
    void listingPrefixesFollowTheKeyRules() {
        assertThatCode(() -> policy.checkPrefix("inbound", "incoming/allocations/")).doesNotThrowAnyException();
        assertThat(catchThrowableOfType(ConsoleException.class, () -> policy.checkPrefix("inbound", "incoming/../")).reason())
                .isEqualTo("prefix-dot-segment");
        assertThat(catchThrowableOfType(ConsoleException.class, () -> policy.checkPrefix("payloads", "/")).reason())
                .isEqualTo("prefix-leading-slash");
        assertThat(catchThrowableOfType(ConsoleException.class, () -> policy.checkPrefix("inbound", "inc")).reason())
                .isEqualTo("prefix-outside-allowed-prefixes");
    }

    @Test
    void opaqueTokensMustBePrintableAndBounded() {
        assertThatCode(() -> ObjectAccessPolicy.checkToken("versionId", "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY")).doesNotThrowAnyException();
        assertThat(catchThrowableOfType(ConsoleException.class, () -> ObjectAccessPolicy.checkToken("versionId", "a\nb"))
                .reason()).isEqualTo("versionId-malformed");
    }
}
