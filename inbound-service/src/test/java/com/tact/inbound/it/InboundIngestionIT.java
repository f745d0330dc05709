package com.tact.inbound.it;

import com.tact.testsupport.Awaits;
import com.tact.testsupport.Operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.awspring.cloud.sqs.listener.MessageListenerContainerRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import software.amazon.awssdk.services.s3.S3Client;

/** End to end through the real path: PutObject -> S3 notification -> SQS -> inbound-service -> Postgres. */
class InboundIngestionIT extends InboundITBase {

    @Autowired
    S3Client s3;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    InMemorySpanExporter spans;
    @Autowired
    MessageListenerContainerRegistry listeners;
    @LocalServerPort
    int port;

    InboundFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new InboundFixture(s3, jdbc);
    }

    @Test
    void validFileLandsWithWinnersBySourceWeightAndLosersKeptForAudit() {
        var b = InboundFixture.bucketId();
        var key = "incoming/allocations/" + InboundFixture.unique("valid.csv");
        var content = InboundFixture.HEADER
                + b + ",SEC1,10.5,2026-11-25,VENDOR,USD,EQUITY\n"
                + b + ",SEC1,11,2026-11-25,CUSTODIAN,USD,EQUITY\n"
                + b + ",SEC1,12,2026-11-25,PM_DESK,USD,EQUITY\n"
                + b + ",SEC2,\"89.5\",2026-11-25,VENDOR,,\n";
        fixture.put(key, content);

        var file = fixture.awaitFinished(key);
        assertThat(file).containsEntry("status", "DONE").containsEntry("rows_total", 4L).containsEntry("rows_valid", 4L)
                .containsEntry("rows_applied", 4L).containsEntry("attempts", 1);
        assertThat(file.get("sha256")).as("the digest of exactly the bytes read")
                .isEqualTo(InboundFixture.sha256(content));
        var winners = jdbc.sql("select security_id, weight, source from allocation where bucket_id = ? order by security_id")
                .param(b).query().listOfRows();
        assertThat(winners).containsExactly(
                Map.of("security_id", "SEC1", "weight", new BigDecimal("11.000000"), "source", "CUSTODIAN"),
                Map.of("security_id", "SEC2", "weight", new BigDecimal("89.500000"), "source", "VENDOR"));
        assertThat(fixture.count("select count(*) from allocation_candidate where bucket_id = ?", b))
                .as("losing values stay visible").isEqualTo(4);
        assertThat(fixture.count("select count(*) from bucket where bucket_id = ?", b)).isEqualTo(1);
        assertThat(fixture.count("select count(*) from outbox_event where event_type = 'AllocationsChanged' and aggregate_id = ?", b))
                .isEqualTo(1);
    }

    @Test
    void aHigherWeightedSourceInALaterFileWinsAndALowerOneDoesNot() {
        var b = InboundFixture.bucketId();
        var first = "incoming/allocations/" + InboundFixture.unique("first.csv");
        fixture.put(first, InboundFixture.HEADER + b + ",SEC1,10,2026-11-25,PM_DESK,USD,EQUITY\n");
        fixture.awaitFinished(first);
        var second = "incoming/allocations/" + InboundFixture.unique("second.csv");
        fixture.put(second, InboundFixture.HEADER + b + ",SEC1,20,2026-11-25,VENDOR,USD,EQUITY\n");
        assertThat(fixture.awaitFinished(second)).as("the lower source's value is kept for audit").containsEntry("rows_applied", 1L);
        assertThat(weightOf(b, "SEC1")).isEqualByComparingTo("10");
        var third = "incoming/allocations/" + InboundFixture.unique("third.csv");
        fixture.put(third, InboundFixture.HEADER + b + ",SEC1,30,2026-11-25,CUSTODIAN,USD,EQUITY\n");
        assertThat(fixture.awaitFinished(third)).containsEntry("rows_applied", 1L);
        assertThat(weightOf(b, "SEC1")).isEqualByComparingTo("30");
        assertThat(fixture.count("select count(*) from outbox_event where event_type = 'AllocationsChanged' and aggregate_id = ?", b))
                .as("one event per file that changed a winner, none for the outranked source").isEqualTo(2);
        jdbc.sql("update source_weight set weight = 200 where feed = 'allocations' and source = 'VENDOR'").update();
        try {
            assertThat(weightOf(b, "SEC1")).as("a weight change applies at once").isEqualByComparingTo("20");
        } finally {
            jdbc.sql("update source_weight set weight = 50 where feed = 'allocations' and source = 'VENDOR'").update();
        }
    }

    @Test
    void changedKeysCountOnlyNewWinnersAndAnUnchangedNewVersionWritesNothing() {
        var b = InboundFixture.bucketId();
        var first = "incoming/allocations/" + InboundFixture.unique("first.csv");
        fixture.put(first, InboundFixture.HEADER + b + ",SEC1,10,2026-11-25,CUSTODIAN,USD,EQUITY\n"
                + b + ",SEC2,20,2026-11-25,PM_DESK,USD,EQUITY\n");
        assertThat(fixture.awaitFinished(first)).containsEntry("rows_applied", 2L);
        // VENDOR under CUSTODIAN (no change), CUSTODIAN over PM_DESK (a change), VENDOR alone (a change), PM_DESK under CUSTODIAN
        var second = "incoming/allocations/" + InboundFixture.unique("second.csv");
        var content = InboundFixture.HEADER + b + ",SEC3,31,2026-11-25,VENDOR,USD,EQUITY\n"
                + b + ",SEC1,11,2026-11-25,VENDOR,USD,EQUITY\n"
                + b + ",SEC2,21,2026-11-25,CUSTODIAN,USD,EQUITY\n"
                + b + ",SEC1,12,2026-11-25,PM_DESK,USD,EQUITY\n";
        fixture.put(second, content);
        var file = fixture.awaitFinished(second);
        assertThat(file).containsEntry("rows_applied", 4L);
        assertThat(changedKeys(b, (Long) file.get("id"))).as("SEC2 and SEC3 changed what they resolve to, SEC1 did not").containsExactly(2L);

        fixture.put(second, content);
        var again = Awaits.until("the second version of " + second + " to be DONE", Duration.ofSeconds(60), () -> fixture.ledger(second),
                rows -> rows.size() == 2 && "DONE".equals(rows.get(1).get("status"))).get(1);
        assertThat(again).as("the same rows again: nothing to write").containsEntry("rows_valid", 4L).containsEntry("rows_applied", 0L);
        assertThat(changedKeys(b, (Long) again.get("id"))).as("no event for a file that changed nothing").isEmpty();
        assertThat(weightOf(b, "SEC2")).isEqualByComparingTo("21");
    }

    private List<Long> changedKeys(String bucketId, long fileId) {
        return jdbc.sql("select (payload->>'changedKeys')::bigint from outbox_event where event_type = 'AllocationsChanged'"
                + " and aggregate_id = ? and (payload->>'fileId')::bigint = ?").params(bucketId, fileId).query(Long.class).list();
    }

    @Test
    void oneKeyFromOneSourceTwiceInAFileTakesTheLastLine() {
        var b = InboundFixture.bucketId();
        var key = "incoming/allocations/" + InboundFixture.unique("repeated.csv");
        fixture.put(key, InboundFixture.HEADER + b + ",SEC1,1,2026-11-25,VENDOR,USD,EQUITY\n" + b + ",SEC2,5,2026-11-25,VENDOR,USD,EQUITY\n"
                + b + ",SEC1,2,2026-11-25,VENDOR,USD,EQUITY\n");
        assertThat(fixture.awaitFinished(key)).containsEntry("status", "DONE").containsEntry("rows_applied", 2L);
        assertThat(weightOf(b, "SEC1")).isEqualByComparingTo("2");
        assertThat(jdbc.sql("select line_no from allocation_candidate where bucket_id = ? and security_id = 'SEC1'").param(b)
                .query(Long.class).single()).isEqualTo(4L);
    }

    @Test
    void bucketAttributesRollUpIntoTheBucketsJsonAndQueriedColumns() {
        var b = InboundFixture.bucketId();
        var key = "incoming/bucket-attributes/" + InboundFixture.unique("attrs.csv");
        fixture.put(key, "bucket_id,attribute,value,source\n" + b + ",rebalanceFrequency,WEEKLY,VENDOR\n"
                + b + ",rebalanceFrequency,MONTHLY,PM_DESK\n" + b + ",hasEtf,true,RISK\n" + b + ",driftTolerance,0.1,RISK\n"
                + b + ",esgScore,\"A, verified\",VENDOR\n");
        assertThat(fixture.awaitFinished(key)).containsEntry("status", "DONE");
        var bucket = jdbc.sql("select attributes::text a, rebalance_frequency, has_etf, drift_tolerance from bucket where bucket_id = ?")
                .param(b).query().singleRow();
        assertThat(bucket).containsEntry("rebalance_frequency", "MONTHLY").containsEntry("has_etf", true)
                .containsEntry("drift_tolerance", new BigDecimal("0.1"));
        assertThat(bucket.get("a")).asString().contains("\"esgScore\": \"A, verified\"");
    }

    @Test
    void theSameNotificationDeliveredTwiceIsAppliedOnce() {
        var b = InboundFixture.bucketId();
        var key = "incoming/allocations/" + InboundFixture.unique("twice.csv");
        fixture.put(key, InboundFixture.HEADER + b + ",SEC1,50,2026-11-25,VENDOR,USD,EQUITY\n");
        var file = fixture.awaitFinished(key);
        var eTag = s3.headObject(h -> h.bucket(fixture.bucket).key(key)).eTag().replace("\"", "");
        var queueUrl = fixture.queueUrl(fixture.queue);
        fixture.sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(fixture.s3Event(key, eTag)));
        fixture.sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(fixture.s3Event(key, eTag)));

        await().atMost(Duration.ofSeconds(30)).until(() -> queueIsDrained(queueUrl));
        assertThat(fixture.ledger(key)).singleElement().satisfies(row -> {
            assertThat(row.get("status")).isEqualTo("DONE");
            assertThat(row.get("attempts")).isEqualTo(1);
            assertThat(row.get("id")).isEqualTo(file.get("id"));
        });
        assertThat(fixture.count("select count(*) from outbox_event where aggregate_id = ?", b)).isEqualTo(1);
        assertThat(fixture.count("select count(*) from allocation_candidate where bucket_id = ?", b)).isEqualTo(1);
    }

    @Test
    void anOlderVersionArrivingLateDoesNotOverwriteTheNewer() {
        var b = InboundFixture.bucketId();
        var key = "incoming/allocations/" + InboundFixture.unique("versions.csv");
        var container = listeners.getContainerById("inbound-files");
        container.stop();
        try {
            var v1 = fixture.put(key, InboundFixture.HEADER + b + ",SEC1,1,2026-11-25,VENDOR,USD,EQUITY\n");
            // S3's Last-Modified has whole seconds; real S3 also sends a sequencer in the event to order versions
            InboundFixture.nextSecond();
            var v2 = fixture.put(key, InboundFixture.HEADER + b + ",SEC1,2,2026-11-25,VENDOR,USD,EQUITY\n");
            var api = Operator.client(port);
            api.post().uri("/api/ingestions").body(Map.of("key", key, "versionId", v2)).retrieve().toBodilessEntity();
            api.post().uri("/api/ingestions").body(Map.of("key", key, "versionId", v1)).retrieve().toBodilessEntity();
        } finally {
            container.start();
        }
        assertThat(fixture.ledger(key)).hasSize(2).allSatisfy(row -> assertThat(row.get("status")).isEqualTo("DONE"));
        assertThat(weightOf(b, "SEC1")).isEqualByComparingTo("2");
        // the two queued notifications arrive after both versions are in the ledger: nothing changes
        await().atMost(Duration.ofSeconds(30)).until(() -> queueIsDrained(fixture.queueUrl(fixture.queue)));
        assertThat(fixture.ledger(key)).hasSize(2);
        assertThat(weightOf(b, "SEC1")).isEqualByComparingTo("2");
    }

    @Test
    void aKeyWithSpacesAndNonAsciiCharactersIsIngested() {
        var b = InboundFixture.bucketId();
        var key = "incoming/allocations/" + InboundFixture.unique("Zürich März 2026 (final) + é.csv");
        fixture.put(key, InboundFixture.HEADER + b + ",SEC1,5,2026-11-25,VENDOR,CHF,EQUITY\n");
        assertThat(fixture.awaitFinished(key)).containsEntry("status", "DONE").containsEntry("rows_applied", 1L);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            wrong header        | bucket_id,security,weight,effective_date,source\\nB,S,1,2026-11-25,VENDOR\\n  | 1 | 2    | unknown column 'security'
            missing column      | bucket_id,security_id,effective_date,source\\nB,S,2026-11-25,VENDOR\\n     | 1 |      | missing column 'weight' in the header
            wrong type          | HEADER                                                                     | 2 | 3    | not a decimal number: 'ten'
            out of range        | HEADER                                                                     | 2 | 3    | value 100.5 is above the maximum 100
            missing business key| HEADER                                                                     | 2 | 1    | missing business key value
            empty file          |                                                                            | 1 |      | empty file: no header line
            """)
    void badFilesAreRejectedWithLocatedErrorsAndNothingApplied(String kind, String content, long line, Integer column, String reason) {
        var b = InboundFixture.bucketId();
        var row = switch (kind) {
            case "wrong type" -> b + ",SEC1,ten,2026-11-25,VENDOR,USD,EQUITY\n";
            case "out of range" -> b + ",SEC1,100.5,2026-11-25,VENDOR,USD,EQUITY\n";
            case "missing business key" -> ",SEC1,1,2026-11-25,VENDOR,USD,EQUITY\n";
            default -> "";
        };
        var body = content == null ? "" : content.equals("HEADER") ? InboundFixture.HEADER + row
                + b + ",GOOD1,1,2026-11-25,VENDOR,USD,EQUITY\n" : content.replace("\\n", "\n").replace("B,", b + ",");
        var key = "incoming/allocations/" + InboundFixture.unique(kind.replace(' ', '-') + ".csv");
        fixture.put(key, body);

        var file = fixture.awaitFinished(key);
        assertThat(file).containsEntry("status", "REJECTED").containsEntry("rows_applied", 0L);
        assertThat(fixture.errors((Long) file.get("id"))).anySatisfy(e -> {
            assertThat(e.get("line_no")).isEqualTo(line);
            assertThat(e.get("column_no")).isEqualTo(column);
            assertThat((String) e.get("reason")).startsWith(reason);
        });
        assertThat(fixture.count("select count(*) from allocation_candidate where bucket_id = ?", b)).isZero();
        assertThat(fixture.count("select count(*) from outbox_event where event_type = 'FileRejected' and aggregate_id = ?",
                file.get("id").toString())).isEqualTo(1);
        assertHealthy();
    }

    @Test
    void aBinaryObjectIsRejectedAsNotCsv() {
        var key = "incoming/allocations/" + InboundFixture.unique("archive.csv");
        fixture.put(key, new byte[] {0x1f, (byte) 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, (byte) 0xff, (byte) 0xfe});
        var file = fixture.awaitFinished(key);
        assertThat(file).containsEntry("status", "REJECTED");
        assertThat((String) file.get("reason")).contains("not valid UTF-8");
        assertThat(fixture.errors((Long) file.get("id"))).singleElement().satisfies(e -> assertThat(e.get("line_no")).isEqualTo(1L));
    }

    @Test
    void aFileOverTheSizeLimitIsRejectedUnread() {
        var key = "incoming/allocations/" + InboundFixture.unique("huge.csv");
        var big = new byte[2 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) 'x');
        fixture.put(key, big);
        var file = fixture.awaitFinished(key);
        assertThat(file).containsEntry("status", "REJECTED").containsEntry("rows_total", 0L);
        assertThat((String) file.get("reason")).contains("exceeds the limit of 2097152 bytes");
    }

    @Test
    void anUnknownFeedPrefixIsRejected() {
        var key = "incoming/positions/" + InboundFixture.unique("p.csv");
        fixture.put(key, "a,b\n1,2\n");
        var file = fixture.awaitFinished(key);
        assertThat(file).containsEntry("status", "REJECTED");
        assertThat((String) file.get("reason")).startsWith("no feed is declared for the key prefix");
        assertThat(fixture.errors((Long) file.get("id"))).singleElement().satisfies(e -> assertThat(e.get("line_no")).isNull());
    }

    @Test
    void anEventForAnObjectThatNoLongerExistsIsRecorded() {
        var key = "incoming/allocations/" + InboundFixture.unique("deleted.csv");
        fixture.sqs.sendMessage(m -> m.queueUrl(fixture.queueUrl(fixture.queue)).messageBody(fixture.s3Event(key, "0123abcd")));
        var file = fixture.awaitFinished(key);
        assertThat(file).containsEntry("status", "REJECTED").containsEntry("version_tag", "etag:0123abcd");
        assertThat((String) file.get("reason")).endsWith("no longer exists");
    }

    @Test
    void aMessageThatIsNotAnS3EventIsDeadLettered() {
        var marker = InboundFixture.unique("poison");
        fixture.sqs.sendMessage(m -> m.queueUrl(fixture.queueUrl(fixture.queue)).messageBody("{\"poison\":\"" + marker + "\"}"));
        var dlqUrl = fixture.queueUrl(fixture.dlq);
        await().atMost(Duration.ofSeconds(60)).until(() -> fixture.sqs.receiveMessage(r -> r.queueUrl(dlqUrl).maxNumberOfMessages(10)
                        .visibilityTimeout(0)).messages().stream().anyMatch(m -> m.body().contains(marker)));
        assertHealthy();
    }

    @Test
    void oneIngestionIsOneTraceFromTheSqsReceiveThroughS3AndTheDatabase() {
        var b = InboundFixture.bucketId();
        var key = "incoming/allocations/" + InboundFixture.unique("traced.csv");
        fixture.put(key, InboundFixture.HEADER + b + ",SEC1,5,2026-11-25,VENDOR,USD,EQUITY\n");
        var traceId = (String) fixture.awaitFinished(key).get("trace_id");
        assertThat(traceId).hasSize(32);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var trace = spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
            assertThat(trace).extracting(SpanData::getName)
                    .contains("tact.ingest.s3.head", "tact.ingest.stage", "tact.ingest.apply")
                    .anyMatch(n -> n.startsWith("ingest incoming/allocations/"));
            assertThat(trace).anyMatch(s -> s.getKind() == SpanKind.CONSUMER);
        });
    }

    private void assertHealthy() {
        var health = RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/health").retrieve().body(String.class);
        assertThat(health).contains("\"UP\"");
    }

    private boolean queueIsDrained(String queueUrl) {
        var attrs = fixture.sqs.getQueueAttributes(a -> a.queueUrl(queueUrl).attributeNamesWithStrings(
                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
        return "0".equals(attrs.get("ApproximateNumberOfMessages")) && "0".equals(attrs.get("ApproximateNumberOfMessagesNotVisible"));
    }

    private BigDecimal weightOf(String bucketId, String security) {
        return fixture.weightOf(bucketId, security);
    }

}
