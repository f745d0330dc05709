package com.tact.inbound.ingestion.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.tact.inbound.ingestion.FeedFixture;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LandingMarksTest {

    @Test
    void theFingerprintIsTheDefinitionAndTheSourcesInAnyOrder() {
        var feed = FeedFixture.allocations();
        var sources = Set.of("VENDOR", "CUSTODIAN", "PM_DESK");
        assertThat(LandingMarks.fingerprint(FeedFixture.allocations(), Set.of("PM_DESK", "VENDOR", "CUSTODIAN")))
                .as("the same definition parsed again, the sources in another order").isEqualTo(LandingMarks.fingerprint(feed, sources));
        assertThat(LandingMarks.fingerprint(FeedFixture.withPattern(feed, "security_id", "^[A-Z0-9]+$"), sources))
                .as("a changed validation rule").isNotEqualTo(LandingMarks.fingerprint(feed, sources));
        assertThat(LandingMarks.fingerprint(feed, Set.of("VENDOR", "CUSTODIAN")))
                .as("a source taken away makes its rows bad").isNotEqualTo(LandingMarks.fingerprint(feed, sources));
        assertThat(LandingMarks.fingerprint(FeedFixture.bucketAttributes(), sources)).isNotEqualTo(LandingMarks.fingerprint(feed, sources));
    }
}
