package com.tact.inbound.ingestion.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.tact.inbound.ingestion.FeedDefinition;
import com.tact.inbound.ingestion.FeedFixture;
import com.tact.inbound.ingestion.RowError;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeedParserTest {

    private static final String HEADER = "bucket_id,security_id,weight,effective_date,source,currency,asset_class\n";
    private final List<RowError> errors = new ArrayList<>();
    private final List<String[]> rows = new ArrayList<>();

    private FeedParser.Outcome parse(FeedDefinition feed, String csv) {
        return FeedParser.parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), feed,
                Set.of("CUSTODIAN", "VENDOR", "PM_DESK", "RISK"), (line, values) -> rows.add(values), errors::add);
    }

    @Test
    void validRowsAreNormalisedInFeedColumnOrder() {
        var outcome = parse(FeedFixture.allocations(),
                "weight,bucket_id,security_id,effective_date,source\n12.50,B1,SEC1,2026-11-25,CUSTODIAN\n");
        assertThat(outcome.fatal()).isFalse();
        assertThat(errors).isEmpty();
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst()).containsExactly("B1", "SEC1", "12.50", "2026-11-25", "CUSTODIAN", null, null);
    }

    @Test
    void everyBadValueIsLocatedByLineColumnAndReason() {
        var outcome = parse(FeedFixture.allocations(), HEADER
                + "B1,SEC1,abc,2026-11-25,CUSTODIAN,USD,EQUITY\n"
                + "B1,,10,2026-11-25,CUSTODIAN,USD,EQUITY\n"
                + "B1,SEC2,101,2026-11-25,CUSTODIAN,USD,EQUITY\n"
                + "B1,SEC3,1.1234567,2026-11-25,CUSTODIAN,USD,EQUITY\n"
                + "B1,SEC4,1,2026-02-30,CUSTODIAN,usd,BOND\n"
                + "B1,SEC5,1,2026-11-25,NOBODY,USD,EQUITY\n"
                + "B1,SEC6,1\n");
        assertThat(outcome.rows()).isEqualTo(7);
        assertThat(outcome.validRows()).isZero();
        assertThat(outcome.badRows()).isEqualTo(7);
        assertThat(errors).extracting(RowError::line, RowError::columnNo, RowError::column).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2L, 3, "weight"),
                org.assertj.core.groups.Tuple.tuple(3L, 2, "security_id"),
                org.assertj.core.groups.Tuple.tuple(4L, 3, "weight"),
                org.assertj.core.groups.Tuple.tuple(5L, 3, "weight"),
                org.assertj.core.groups.Tuple.tuple(6L, 4, "effective_date"),
                org.assertj.core.groups.Tuple.tuple(6L, 6, "currency"),
                org.assertj.core.groups.Tuple.tuple(6L, 7, "asset_class"),
                org.assertj.core.groups.Tuple.tuple(7L, 5, "source"),
                org.assertj.core.groups.Tuple.tuple(8L, null, null));
        assertThat(errors.get(1).reason()).isEqualTo("missing business key value");
        assertThat(errors.get(2).reason()).contains("above the maximum 100");
        assertThat(errors.get(3).reason()).contains("more than 6 decimal places");
        assertThat(errors.get(7).reason()).contains("unknown source 'NOBODY'");
        assertThat(errors.get(8).reason()).isEqualTo("expected 7 values, found 3");
    }

    @Test
    void headerProblemsAreFatalAndLocated() {
        var outcome = parse(FeedFixture.allocations(), "bucket_id,security_id,wieght,effective_date,source\nB1,S,1,2026-11-25,VENDOR\n");
        assertThat(outcome.fatal()).isTrue();
        assertThat(rows).isEmpty();
        assertThat(errors).extracting(RowError::reason).anyMatch(r -> r.startsWith("unknown column 'wieght'"))
                .anyMatch(r -> r.equals("missing column 'weight' in the header"));
        assertThat(errors.getFirst().line()).isEqualTo(1L);
        assertThat(errors.getFirst().columnNo()).isEqualTo(3);
    }

    @Test
    void emptyFileIsFatal() {
        var outcome = parse(FeedFixture.allocations(), "");
        assertThat(outcome.fatal()).isTrue();
        assertThat(errors).singleElement().extracting(RowError::reason).isEqualTo("empty file: no header line");
    }

    @Test
    void aValueTakesItsTypeFromAnotherColumn() {
        var outcome = parse(FeedFixture.bucketAttributes(), "bucket_id,attribute,value,source\n"
                + "B1,hasEtf,TRUE,VENDOR\nB1,hasEtf,maybe,VENDOR\nB1,driftTolerance,1.5,RISK\nB1,benchmark,\"MSCI World, net\",VENDOR\n");
        assertThat(outcome.validRows()).isEqualTo(2);
        assertThat(rows.get(0)[2]).isEqualTo("true");
        assertThat(rows.get(1)[2]).isEqualTo("MSCI World, net");
        assertThat(errors).extracting(RowError::line).containsExactly(3L, 4L);
    }

    @Test
    void rejectThresholdComparesTheShareOfBadRows() {
        var threshold = new FeedDefinition.RejectThreshold(null, 0.01);
        assertThat(threshold.exceeded(1, 100)).isFalse();
        assertThat(threshold.exceeded(2, 100)).isTrue();
        assertThat(new FeedDefinition.RejectThreshold(0L, null).exceeded(1, 1_000_000)).isTrue();
        assertThat(threshold.exceeded(0, 0)).isFalse();
    }

    @Test
    void definitionsWithUnsafeIdentifiersAreRefused() {
        var feed = FeedFixture.allocations();
        var bad = new FeedDefinition(feed.name(), feed.s3Prefix(), null, feed.columns(), feed.businessKey(), feed.sourceColumn(),
                feed.changeEvent(), new FeedDefinition.Target("allocation; drop table x", "allocation_candidate", null, null),
                feed.rejectThreshold());
        assertThat(FeedFixture.allocations().problems()).isEmpty();
        assertThat(bad.problems()).anyMatch(p -> p.contains("not a plain lower-case identifier"));
    }
}
