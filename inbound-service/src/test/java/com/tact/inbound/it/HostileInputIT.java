package com.tact.inbound.it;

import com.tact.testsupport.Csv;
import com.tact.testsupport.Operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Input crafted to hurt, through the real path (S3 -> SQS -> the service -> Postgres, and the REST API): each
 * ends in a located rejection or a 4xx, quickly, and the service stays healthy.
 */
class HostileInputIT extends InboundITBase {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };
    private static final String LOOSE_PREFIX = "loose-test/allocations/";

    @Autowired
    S3Client s3;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    InboundFixture fixture;
    RestClient api;

    /** A feed declared carelessly (feeds are data): allocations without the weight's maximum. */
    @BeforeAll
    static void declareLooseFeed(@Autowired JdbcClient jdbc) {
        InboundFixture.declareAllocationsLike(jdbc, "loose-allocations", LOOSE_PREFIX, "spec #- '{columns,2,max}'");
    }

    @BeforeEach
    void setUp() {
        fixture = new InboundFixture(s3, jdbc);
        api = InboundFixture.operatorApi(port);
    }

    @Test
    void aTinyNumberWithAHugeExponentIsALocatedErrorNotAnOutOfMemoryError() {
        var b = InboundFixture.bucketId();
        var key = "incoming/bucket-attributes/" + InboundFixture.unique("drift.csv");
        var content = "bucket_id,attribute,value,source\n" + b + ",driftTolerance,1E-999999999,RISK\n";
        fixture.put(key, content);

        var file = fixture.awaitFinished(key, Duration.ofSeconds(30));
        assertThat(file).containsEntry("status", "REJECTED").containsEntry("rows_applied", 0L);
        assertThat(fixture.errors((Long) file.get("id"))).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("line_no", 2L).containsEntry("column_no", 3).containsEntry("column_name", "value");
            assertThat((String) e.get("reason")).contains("more than 38 decimal places");
        });

        var dryRun = api.post().uri("/api/feeds/bucket-attributes/validate").contentType(MediaType.parseMediaType("text/csv"))
                .body(content).retrieve().toEntity(JSON);
        assertThat(dryRun.getStatusCode().value()).isEqualTo(200);
        assertThat((List<?>) dryRun.getBody().get("errors")).hasSize(1);
        assertHealthy();
    }

    @Test
    void anUnterminatedQuoteRejectsTheFileAtItsLineWithoutReadingTheRest() {
        var b = InboundFixture.bucketId();
        var key = "incoming/allocations/" + InboundFixture.unique("unterminated.csv");
        var content = InboundFixture.HEADER + b + ",SEC1,1,2026-11-25,VENDOR,USD,EQUITY\n"
                + "\"" + b + ",SEC2,1,2026-11-25,VENDOR,USD,EQUITY\n" + "x".repeat(1_500_000);
        fixture.put(key, content);

        var file = fixture.awaitFinished(key, Duration.ofSeconds(30));
        assertThat(file).containsEntry("status", "REJECTED").containsEntry("rows_applied", 0L);
        assertThat(fixture.errors((Long) file.get("id"))).anySatisfy(e -> {
            assertThat(e.get("line_no")).isEqualTo(3L);
            assertThat((String) e.get("reason")).contains("longer than 65536 characters");
        });
        assertThat(fixture.count("select count(*) from allocation_candidate where bucket_id = ?", b)).isZero();
    }

    @Test
    void aValueTheDatabaseRefusesRejectsTheFileInsteadOfRetryingForever() {
        var b = InboundFixture.bucketId();
        var key = LOOSE_PREFIX + InboundFixture.unique("overflow.csv");
        // weight is numeric(9, 6): at most 999.999999, and this feed forgot its maximum of 100
        fixture.put(key, Csv.withHeader("bucket_id", "security_id", "weight", "effective_date", "source", "currency", "asset_class")
                .row(b, "SEC1", 12345678, "2026-11-25", "VENDOR", "USD", "EQUITY").bytes());
        // the catalog re-reads definitions every few seconds
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                api.get().uri("/api/feeds/loose-allocations").retrieve().toBodilessEntity().getStatusCode().value() == 200);
        var pushed = api.post().uri("/api/ingestions").body(Map.of("key", key)).retrieve().toEntity(JSON);
        assertThat(pushed.getStatusCode().value()).isEqualTo(200);

        assertThat(pushed.getBody()).containsEntry("status", "REJECTED");
        assertThat((String) pushed.getBody().get("reason")).startsWith("the database refused a value of the file: 22003");
        var file = fixture.ledger(key).getFirst();
        assertThat(file).containsEntry("status", "REJECTED").containsEntry("attempts", 1);
        assertThat(fixture.count("select count(*) from allocation_candidate where bucket_id = ?", b)).isZero();
    }

    @Test
    void aNotificationForAnotherBucketIsAcknowledgedAndIgnored() {
        var other = "someone-elses-bucket";
        var key = "incoming/allocations/" + InboundFixture.unique("elsewhere.csv");
        var body = fixture.s3Event(key, "0123abcd").replace("\"name\":\"" + fixture.bucket + "\"", "\"name\":\"" + other + "\"");
        assertThat(body).contains(other);
        var queueUrl = fixture.queueUrl(fixture.queue);
        fixture.sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(body));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(fixture.queueDepth(queueUrl)).isEqualTo("0/0"));
        assertThat(fixture.count("select count(*) from ingestion_file where object_key = ?", key)).isZero();
        var dlq = fixture.queueUrl(fixture.dlq);
        assertThat(fixture.sqs.receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10).visibilityTimeout(0)).messages())
                .noneMatch(m -> m.body().contains(other));
    }

    @Test
    void aDryRunBodyOverTheLimitIsRefusedWith413WhetherDeclaredOrChunked() throws Exception {
        // valid rows: no error is streamed back before the limit is reached, so nothing is committed yet
        var body = InboundFixture.HEADER + "B1,SEC1,1,2026-11-25,VENDOR,USD,EQUITY\n".repeat(30_000);
        assertThat(body.length()).isBetween(1024 * 1024, 2 * 1024 * 1024);
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var auth = Operator.authorization();
        var uri = URI.create("http://127.0.0.1:" + port + "/api/feeds/allocations/validate");

        var declared = http.send(HttpRequest.newBuilder(uri).header("Authorization", auth).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        // without a length the client must send it chunked
        var chunked = http.send(HttpRequest.newBuilder(uri).header("Authorization", auth).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                .build(), HttpResponse.BodyHandlers.ofString());

        for (var response : List.of(declared, chunked)) {
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
            assertThat(response.body()).contains("larger than the limit of 1048576 bytes");
        }
        assertThat(chunked.request().headers().firstValue("Content-Length")).isEmpty();
        assertHealthy();
    }

    @Test
    void aMergeOverItsLimitsIsRefusedBeforeReadingAndLeavesNoObject() {
        var b = InboundFixture.bucketId();
        var keys = new java.util.ArrayList<String>();
        for (int i = 0; i < 4; i++) {
            var key = "upstream/" + InboundFixture.unique("part" + i + ".csv");
            fixture.put(key, InboundFixture.HEADER + b + ",SEC" + i + ",1,2026-11-25,VENDOR,USD,EQUITY\n");
            keys.add(key);
        }
        var tooMany = api.post().uri("/api/feeds/allocations/merge").body(Map.of("keys", keys, "targetName", b + "-many.csv"))
                .retrieve().toEntity(JSON);
        assertThat(tooMany.getStatusCode().value()).isEqualTo(400);
        assertThat((String) tooMany.getBody().get("detail")).isEqualTo("a merge may name at most 3 objects; 4 given");

        var big = "upstream/" + InboundFixture.unique("big.csv");
        fixture.put(big, new byte[2 * 1024 * 1024 + 1]);
        var tooBig = api.post().uri("/api/feeds/allocations/merge").body(Map.of("keys", List.of(keys.get(0), big), "targetName", b + "-big.csv"))
                .retrieve().toEntity(JSON);
        assertThat(tooBig.getStatusCode().value()).isEqualTo(400);
        assertThat((String) tooBig.getBody().get("detail")).contains(big, "2097153 bytes, more than the file limit of 2097152");
        assertThat(s3.listObjectsV2(l -> l.bucket(fixture.bucket).prefix("merged/allocations/" + b)).contents()).isEmpty();
    }

    @Test
    void formulasInMergedTextAreNeutralisedForSpreadsheets() {
        var b = InboundFixture.bucketId();
        var header = "bucket_id,attribute,value,source\n";
        var k1 = "upstream/" + InboundFixture.unique("attrs1.csv");
        var k2 = "upstream/" + InboundFixture.unique("attrs2.csv");
        fixture.put(k1, header + b + ",comment,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",RISK\n");
        fixture.put(k2, header + b + ",owner,@SUM(A1),RISK\n" + b + ",driftTolerance,-0.0,RISK\n");

        var merged = api.post().uri("/api/feeds/bucket-attributes/merge").body(Map.of("keys", List.of(k1, k2), "targetName", b + ".csv"))
                .retrieve().toEntity(JSON);
        assertThat(merged.getStatusCode().value()).isEqualTo(201);
        var content = s3.getObjectAsBytes(g -> g.bucket(fixture.bucket).key((String) merged.getBody().get("key"))).asUtf8String();
        assertThat(content).contains("'=HYPERLINK(", "'@SUM(A1)").doesNotContain(",=HYPERLINK", ",@SUM");
        assertThat(content).as("typed values are written as they are").contains(",driftTolerance,0.0,RISK");
    }


    private void assertHealthy() {
        var health = RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/health").retrieve().body(String.class);
        assertThat(health).contains("\"UP\"");
    }
}
