package com.tact.inbound.it;

import com.tact.testsupport.TestIssuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The operator REST API over real HTTP. Push-mode tests use a feed declared by the test itself under a prefix
 * that S3 does not notify (feeds are data), so that no event races the push.
 */
class InboundApiIT extends InboundITBase {

    static final String PUSH_PREFIX = "push-test/allocations/";
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };

    @Autowired
    S3Client s3;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    InboundFixture fixture;
    RestClient api;

    @BeforeAll
    static void declarePushFeed(@Autowired JdbcClient jdbc) {
        InboundFixture.declareAllocationsLike(jdbc, "push-allocations", PUSH_PREFIX, "spec");
    }

    @BeforeEach
    void setUp() {
        fixture = new InboundFixture(s3, jdbc);
        api = InboundFixture.operatorApi(port);
    }

    @Test
    void everyApiRequiresAuthenticationButHealthIsOpen() {
        var anonymous = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();
        var denied = anonymous.get().uri("/api/files").retrieve().toEntity(String.class);
        assertThat(denied.getStatusCode().value()).isEqualTo(401);
        assertThat(denied.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(denied.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
        var expired = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeaders(h -> h.setBearerAuth(TestIssuer.expiredToken("admin")))
                .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();
        assertThat(expired.get().uri("/api/feeds").retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(401);
        assertThat(anonymous.get().uri("/v3/api-docs").retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(401);
        assertThat(anonymous.get().uri("/actuator/health").retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(200);
        assertThat(api.get().uri("/v3/api-docs").retrieve().body(String.class)).contains("/api/ingestions", "/api/feeds/{feed}/validate");
    }

    @Test
    void pushIngestsANamedObjectOnceAndTheLedgerShowsIt() {
        awaitPushFeed();
        var b = InboundFixture.bucketId();
        var key = PUSH_PREFIX + InboundFixture.unique("pushed.csv");
        fixture.put(key, InboundFixture.HEADER + b + ",SEC1,40,2026-11-25,VENDOR,USD,EQUITY\n" + b + ",SEC2,x,2026-11-25,VENDOR,USD,EQUITY\n"
                + manyGoodRows(b, 150));

        var first = api.post().uri("/api/ingestions").body(Map.of("key", key)).retrieve().toEntity(JSON);
        assertThat(first.getStatusCode().value()).isEqualTo(200);
        assertThat(first.getBody()).containsEntry("status", "DONE").containsEntry("duplicate", false)
                .containsEntry("rowsTotal", 152).containsEntry("rowsRejected", 1).containsEntry("rowsApplied", 151);
        var again = api.post().uri("/api/ingestions").body(Map.of("key", key)).retrieve().body(JSON);
        assertThat(again).containsEntry("duplicate", true).containsEntry("fileId", first.getBody().get("fileId"));

        var id = ((Number) first.getBody().get("fileId")).longValue();
        var detail = api.get().uri("/api/files/{id}", id).retrieve().body(JSON);
        assertThat(detail).containsEntry("key", key).containsEntry("status", "DONE").containsEntry("trigger", "PUSH")
                .containsEntry("errorCount", 1);
        var errors = api.get().uri("/api/files/{id}/errors", id).retrieve().body(new ParameterizedTypeReference<List<Map<String, Object>>>() { });
        assertThat(errors).singleElement().satisfies(e -> assertThat(e).containsEntry("line", 3).containsEntry("columnNo", 3)
                .containsEntry("column", "weight").containsEntry("value", "x"));
        var list = api.get().uri("/api/files?feed=push-allocations&status=done&limit=500").retrieve()
                .body(new ParameterizedTypeReference<List<Map<String, Object>>>() { });
        assertThat(list).anySatisfy(f -> assertThat(f).containsEntry("id", (int) id));
    }

    @Test
    void aPushCarryingAnXrayTraceHeaderContinuesThatTrace() {
        awaitPushFeed();
        var b = InboundFixture.bucketId();
        var key = PUSH_PREFIX + InboundFixture.unique("xray.csv");
        fixture.put(key, InboundFixture.HEADER + b + ",SEC1,40,2026-11-25,VENDOR,USD,EQUITY\n");
        var epoch = Long.toHexString(System.currentTimeMillis() / 1000);
        var random = java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 24);

        var pushed = api.post().uri("/api/ingestions")
                .header("X-Amzn-Trace-Id", "Root=1-" + epoch + "-" + random + ";Parent=53995c3f42cd8ad8;Sampled=1")
                .body(Map.of("key", key)).retrieve().toEntity(JSON);
        assertThat(pushed.getStatusCode().value()).isEqualTo(200);
        var file = fixture.ledger(key).getFirst();
        assertThat(file.get("trace_id")).as("the ingestion joined the caller's X-Ray trace").isEqualTo(epoch + random);
    }

    @Test
    void prometheusShowsFilesAndRowsToOperatorsOnly() {
        awaitPushFeed();
        var b = InboundFixture.bucketId();
        var key = PUSH_PREFIX + InboundFixture.unique("metered.csv");
        fixture.put(key, InboundFixture.HEADER + b + ",SEC1,40,2026-11-25,VENDOR,USD,EQUITY\n" + b + ",SEC2,x,2026-11-25,VENDOR,USD,EQUITY\n"
                + manyGoodRows(b, 200));
        var before = api.get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(api.post().uri("/api/ingestions").body(Map.of("key", key)).retrieve().toEntity(JSON).getStatusCode().value()).isEqualTo(200);

        var after = api.get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(sample(after, "tact_inbound_files_total", "feed=\"push-allocations\"", "status=\"DONE\"")
                - sample(before, "tact_inbound_files_total", "feed=\"push-allocations\"", "status=\"DONE\"")).isEqualTo(1.0);
        assertThat(sample(after, "tact_inbound_rows_total", "feed=\"push-allocations\"", "outcome=\"valid\"")
                - sample(before, "tact_inbound_rows_total", "feed=\"push-allocations\"", "outcome=\"valid\"")).isEqualTo(201.0);
        assertThat(after).contains("tact_ingest_file_seconds_count");
        var anonymous = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();
        assertThat(anonymous.get().uri("/actuator/prometheus").retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(401);
    }

    /** The value of the sample of a Prometheus scrape with this name and these labels (among others); 0 when absent. */
    private static double sample(String scrape, String name, String... labels) {
        return scrape == null ? 0 : scrape.lines()
                .filter(l -> l.startsWith(name + "{") && java.util.Arrays.stream(labels).allMatch(l::contains))
                .findFirst().map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElse(0.0);
    }

    @Test
    void pushErrorsAreProblemDetails() {
        var missing = api.post().uri("/api/ingestions").body(Map.of("key", PUSH_PREFIX + "nope.csv")).retrieve().toEntity(JSON);
        assertThat(missing.getStatusCode().value()).isEqualTo(404);
        assertThat(missing.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(missing.getBody()).containsEntry("status", 404).extractingByKey("detail").asString().contains("no longer exists");

        var otherBucket = api.post().uri("/api/ingestions").body(Map.of("bucket", "someone-elses", "key", "x.csv")).retrieve().toEntity(JSON);
        assertThat(otherBucket.getStatusCode().value()).isEqualTo(400);
        var noKey = api.post().uri("/api/ingestions").body(Map.of("bucket", fixture.bucket)).retrieve().toEntity(JSON);
        assertThat(noKey.getStatusCode().value()).isEqualTo(400);
        assertThat(api.get().uri("/api/files/999999999").retrieve().toEntity(JSON).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void dryRunReturnsTheFullErrorReportAndStoresNothing() {
        var b = InboundFixture.bucketId();
        var csv = InboundFixture.HEADER + b + ",SEC1,1,2026-11-25,VENDOR,USD,EQUITY\n" + b + ",SEC2,-1,2026-11-25,VENDOR,USD,EQUITY\n"
                + b + ",SEC3,1,25/11/2026,VENDOR,USD,EQUITY\n";
        long before = fixture.count("select count(*) from ingestion_file");
        var report = api.post().uri("/api/feeds/allocations/validate").contentType(MediaType.parseMediaType("text/csv"))
                .body(csv).retrieve().body(JSON);
        @SuppressWarnings("unchecked")
        var errors = (List<Map<String, Object>>) report.get("errors");
        assertThat(errors).extracting(e -> e.get("line"), e -> e.get("column"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, "weight"), org.assertj.core.groups.Tuple.tuple(4, "effective_date"));
        assertThat(report.get("report")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("rows", 3).containsEntry("validRows", 1).containsEntry("badRows", 2).containsEntry("wouldReject", true);
        assertThat(fixture.count("select count(*) from ingestion_file")).isEqualTo(before);
        assertThat(fixture.count("select count(*) from allocation_candidate where bucket_id = ?", b)).isZero();

        var form = new LinkedMultiValueMap<String, Object>();
        form.add("file", new ByteArrayResource(csv.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "upload.csv";
            }
        });
        var uploaded = api.post().uri("/api/feeds/allocations/validate").contentType(MediaType.MULTIPART_FORM_DATA).body(form)
                .retrieve().body(JSON);
        assertThat((List<?>) uploaded.get("errors")).hasSize(2);

        var unknown = api.post().uri("/api/feeds/nope/validate").contentType(MediaType.parseMediaType("text/csv")).body(csv)
                .retrieve().toEntity(JSON);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void mergeDeduplicatesByWeightIntoOneObjectAndSummaryCountsIt() {
        var b = InboundFixture.bucketId();
        var k1 = "upstream/" + InboundFixture.unique("vendor.csv");
        var k2 = "upstream/" + InboundFixture.unique("custodian.csv");
        fixture.put(k1, InboundFixture.HEADER + b + ",SEC1,10,2026-11-25,VENDOR,USD,EQUITY\n" + b + ",SEC2,20,2026-11-25,VENDOR,USD,EQUITY\n");
        fixture.put(k2, InboundFixture.HEADER + b + ",SEC1,11,2026-11-25,CUSTODIAN,USD,EQUITY\n" + b + ",SEC3,30,2026-11-25,CUSTODIAN,USD,EQUITY\n");

        var merged = api.post().uri("/api/feeds/allocations/merge").body(Map.of("keys", List.of(k1, k2), "targetName", b + ".csv"))
                .retrieve().toEntity(JSON);
        assertThat(merged.getStatusCode().value()).isEqualTo(201);
        assertThat(merged.getBody()).containsEntry("inputRows", 4).containsEntry("outputRows", 3);
        var mergedKey = (String) merged.getBody().get("key");
        assertThat(mergedKey).isEqualTo("merged/allocations/" + b + ".csv");
        var content = s3.getObjectAsBytes(g -> g.bucket(fixture.bucket).key(mergedKey)).asUtf8String();
        assertThat(content.lines().toList()).containsExactly(
                "bucket_id,security_id,weight,effective_date,source,currency,asset_class",
                b + ",SEC1,11,2026-11-25,CUSTODIAN,USD,EQUITY",
                b + ",SEC2,20,2026-11-25,VENDOR,USD,EQUITY",
                b + ",SEC3,30,2026-11-25,CUSTODIAN,USD,EQUITY");

        var summary = api.get().uri("/api/feeds/allocations/summary?key={k}", mergedKey).retrieve().body(JSON);
        assertThat(summary).containsEntry("rows", 3).containsEntry("distinctKeys", 3);
        @SuppressWarnings("unchecked")
        var columns = (List<Map<String, Object>>) summary.get("columns");
        assertThat(columns).filteredOn(c -> c.get("name").equals("weight")).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("sum", 61).containsEntry("min", "11").containsEntry("max", "30"));
        assertThat(columns).filteredOn(c -> c.get("name").equals("source")).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("distinct", 2));

        var tooFew = api.post().uri("/api/feeds/allocations/merge").body(Map.of("keys", List.of(k1), "targetName", "x.csv")).retrieve().toEntity(JSON);
        assertThat(tooFew.getStatusCode().value()).isEqualTo(400);
        var badName = api.post().uri("/api/feeds/allocations/merge").body(Map.of("keys", List.of(k1, k2), "targetName", "../x")).retrieve().toEntity(JSON);
        assertThat(badName.getStatusCode().value()).isEqualTo(400);
        fixture.put("upstream/bad-header.csv", "nope\n1\n");
        var unreadable = api.post().uri("/api/feeds/allocations/merge").body(Map.of("keys", List.of(k1, "upstream/bad-header.csv"), "targetName", "y.csv"))
                .retrieve().toEntity(JSON);
        assertThat(unreadable.getStatusCode().value()).isEqualTo(422);
        assertThat(unreadable.getBody()).containsKey("errors");
    }

    private void awaitPushFeed() {
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            ResponseEntity<Map<String, Object>> feed = api.get().uri("/api/feeds/push-allocations").retrieve().toEntity(JSON);
            return feed.getStatusCode().value() == 200;
        });
    }

    private static String manyGoodRows(String bucketId, int n) {
        var sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(bucketId).append(",BULK").append(i).append(",1,2026-11-25,VENDOR,USD,EQUITY\n");
        }
        return sb.toString();
    }
}
