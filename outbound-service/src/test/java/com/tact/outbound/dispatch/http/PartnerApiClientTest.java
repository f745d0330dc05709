package com.tact.outbound.dispatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class PartnerApiClientTest {

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        assertThat(PartnerApiClient.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(PartnerApiClient.retryAfter(null)).isNull();
        assertThat(PartnerApiClient.retryAfter("soon")).isNull();
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30));
        assertThat(PartnerApiClient.retryAfter(date)).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(31));
    }
}
