package com.tact.inbound.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.tact.inbound.ingestion.HoldingsFile;
import com.tact.testsupport.Operator;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
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
 * The holdings record feed end to end: EBCDIC files with packed decimals put into the emulated S3, the notification
 * through SQS, decoded, validated and landed in Postgres exactly as CSV feeds are; and its APIs over real HTTP.
 */
class RecordFeedIT extends InboundITBase {

    private static final String PREFIX = "incoming/holdings/";
    private static final String ASCII_PREFIX = "incoming/holdings-ascii/";
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
    static void declareTheSameFeedWithAnotherCodePage(@Autowired JdbcClient jdbc) {
        jdbc.sql("""
                insert into feed_definition (name, s3_prefix, spec)
                select 'holdings-ascii', ?, jsonb_set(spec, '{records,codePage}', '"ASCII"') from feed_definition where name = 'holdings'
                on conflict (name) do nothing""").param(ASCII_PREFIX).update();
        jdbc.sql("insert into source_weight (feed, source, weight) values ('holdings-ascii', 'TACT', 100) on conflict do nothing").update();
    }

    @BeforeEach
    void setUp() {
        fixture = new InboundFixture(s3, jdbc);
        api = InboundFixture.operatorApi(port);
    }

    @Test
    void aGoodRecordFileLandsOnceWithItsChangeEventAndReadsBackDecoded() {
        var bucket = bucketId();
        var key = PREFIX + InboundFixture.unique("holdings.dat");
        fixture.put(key, HoldingsFile.many(bucket, 5).bytes());

        var file = fixture.awaitFinished(key);
        assertThat(file).containsEntry("status", "DONE").containsEntry("feed", "holdings").containsEntry("rows_total", 5L)
                .containsEntry("rows_valid", 5L).containsEntry("rows_applied", 5L).containsEntry("error_count", 0L);
        var rows = jdbc.sql("select account_id, security_id, quantity, market_value, currency, as_of_date::text d, source, line_no"
                + " from holding where bucket_id = ? order by line_no").param(bucket).query().listOfRows();
        assertThat(rows).hasSize(5);
        assertThat(rows.getFirst()).containsEntry("security_id", "S0000001").containsEntry("currency", "USD")
                .containsEntry("d", "2026-11-25").containsEntry("source", "TACT").containsEntry("line_no", 2L);
        assertThat((BigDecimal) rows.getFirst().get("quantity")).isEqualByComparingTo("1.5");
        assertThat((BigDecimal) rows.get(4).get("market_value")).isEqualByComparingTo("50.25");
        long id = (Long) file.get("id");
        assertThat(fixture.count("select count(*) from outbox_event where event_type = 'HoldingsChanged' and aggregate_id = ?"
                + " and (payload ->> 'fileId')::bigint = ?", bucket, id)).isEqualTo(1);
        assertThat(fixture.count("select count(*) from outbox_event where event_type = 'FileIngested' and (payload ->> 'fileId')::bigint = ?", id))
                .isEqualTo(1);

        var viewer = Operator.client(port, "viewer");
        var page = viewer.get().uri("/api/files/{id}/records?offset=0&limit=2", id).retrieve().toEntity(JSON);
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getBody()).containsEntry("codePage", "CP037").containsEntry("more", true);
        @SuppressWarnings("unchecked")
        var records = (List<Map<String, Object>>) page.getBody().get("records");
        assertThat(records).extracting(r -> r.get("type")).containsExactly("header", "detail");
        @SuppressWarnings("unchecked")
        var fields = (List<Map<String, Object>>) records.get(1).get("fields");
        assertThat(fields).filteredOn(f -> f.get("name").equals("DTL-QUANTITY")).singleElement().satisfies(f -> assertThat(f)
                .containsEntry("value", "1.5000").containsEntry("hex", "000000000015000C").containsEntry("byteOffset", 135)
                .containsEntry("picture", "S9(11)V9(4) COMP-3"));
        var trailer = viewer.get().uri("/api/files/{id}/records?offset=6&limit=5", id).retrieve().body(JSON);
        assertThat(trailer).containsEntry("more", false);
        @SuppressWarnings("unchecked")
        var last = (List<Map<String, Object>>) trailer.get("records");
        assertThat(last).singleElement().satisfies(r -> assertThat(r).containsEntry("number", 7).containsEntry("type", "trailer"));

        // the same notification again is acknowledged as a duplicate: nothing lands twice
        var eTag = s3.headObject(h -> h.bucket(fixture.bucket).key(key)).eTag().replace("\"", "");
        var queueUrl = fixture.queueUrl(fixture.queue);
        fixture.sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(fixture.s3Event(key, eTag)));
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.queueDepth(queueUrl).equals("0/0"));
        assertThat(fixture.ledger(key)).singleElement().satisfies(row -> assertThat(row).containsEntry("attempts", 1));
        assertThat(fixture.count("select count(*) from outbox_event where event_type = 'HoldingsChanged' and aggregate_id = ?", bucket)).isEqualTo(1);
    }

    @Test
    void badPackedDataInOneRecordIsLocatedAndCountsAgainstTheThreshold() {
        var bucket = bucketId();
        var within = PREFIX + InboundFixture.unique("one-bad-of-200.dat");
        fixture.put(within, HoldingsFile.many(bucket, 200).setByte(4, "DTL-QUANTITY", 2, 0x1A).bytes());
        var done = fixture.awaitFinished(within);
        assertThat(done).containsEntry("status", "DONE").containsEntry("rows_total", 200L).containsEntry("rows_rejected", 1L)
                .containsEntry("rows_applied", 199L);
        var errors = api.get().uri("/api/files/{id}/errors", done.get("id")).retrieve()
                .body(new ParameterizedTypeReference<List<Map<String, Object>>>() { });
        assertThat(errors).filteredOn(e -> e.get("field") != null && e.get("field").equals("DTL-QUANTITY")).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("line", 4).containsEntry("byteOffset", 335).containsEntry("column", "quantity")
                .containsEntry("rawHex", "00001A000035000C").containsEntry("reason", "bad packed nibble 0xA in byte 3 (digit 6)"));

        var other = bucketId();
        var over = PREFIX + InboundFixture.unique("one-bad-of-5.dat");
        fixture.put(over, HoldingsFile.many(other, 5).setByte(4, "DTL-QUANTITY", 2, 0x1A).bytes());
        var rejected = fixture.awaitFinished(over);
        assertThat(rejected).containsEntry("status", "REJECTED").containsEntry("rows_rejected", 1L);
        assertThat((String) rejected.get("reason")).isEqualTo("1 of 5 rows are invalid, over the reject threshold of feed holdings");
        assertThat(fixture.count("select count(*) from holding_candidate where bucket_id = ?", other)).isZero();
        assertThat(fixture.count("select count(*) from outbox_event where event_type = 'FileRejected' and (payload ->> 'fileId')::bigint = ?",
                rejected.get("id"))).isEqualTo(1);
    }

    @Test
    void aTruncatedLastRecordRejectsTheFileAtThatRecord() {
        var bucket = bucketId();
        var key = PREFIX + InboundFixture.unique("truncated.dat");
        var bytes = HoldingsFile.many(bucket, 3).bytes();
        fixture.put(key, Arrays.copyOf(bytes, bytes.length - 30));
        var file = fixture.awaitFinished(key);
        assertThat(file).containsEntry("status", "REJECTED");
        assertThat((String) file.get("reason")).contains("truncated record: the file ends 70 bytes into record 5 (at byte offset 400)");
        assertThat(fixture.errors((Long) file.get("id"))).last().satisfies(e -> assertThat(e).containsEntry("line_no", 5L).containsEntry("byte_offset", 400L));
        assertThat(fixture.count("select count(*) from holding_candidate where bucket_id = ?", bucket)).isZero();
    }

    @Test
    void aTrailerThatDisagreesWithTheDetailsRejectsTheFileWithTheFigures() {
        var bucket = bucketId();
        var count = PREFIX + InboundFixture.unique("count.dat");
        fixture.put(count, HoldingsFile.many(bucket, 3).trailerCount(4).bytes());
        var hash = PREFIX + InboundFixture.unique("hash.dat");
        fixture.put(hash, HoldingsFile.many(bucket, 3).trailerHash("60.70").bytes());

        assertThat((String) fixture.awaitFinished(count).get("reason"))
                .isEqualTo("record 5 (byte offset 401), field TRL-RECORD-COUNT [00000004]: trailer record count 4 does not match the 3 detail records of the file");
        var rejected = fixture.awaitFinished(hash);
        assertThat(rejected).containsEntry("status", "REJECTED");
        assertThat((String) rejected.get("reason")).endsWith(
                "trailer hash total 60.70 does not match 60.75, the sum of DTL-MARKET-VALUE over the 3 detail records (difference -0.05)");
        assertThat(fixture.count("select count(*) from holding_candidate where bucket_id = ?", bucket)).isZero();
    }

    @Test
    void aWrongCodePageDeclaredRejectsTheFileAtItsFirstRecord() {
        awaitFeed("holdings-ascii");
        var bucket = bucketId();
        var key = ASCII_PREFIX + InboundFixture.unique("ebcdic.dat");
        fixture.put(key, HoldingsFile.many(bucket, 3).bytes());
        var file = fixture.awaitFinished(key);
        assertThat(file).containsEntry("status", "REJECTED").containsEntry("feed", "holdings-ascii");
        assertThat(fixture.errors((Long) file.get("id"))).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("line_no", 1L).containsEntry("byte_offset", 0L).containsEntry("field_name", "REC-TYPE")
                .containsEntry("raw_hex", "C8"));
        assertThat((String) file.get("reason")).contains("the first record is not the header").contains("is the declared code page ASCII the file's?");
    }

    @Test
    void theDryRunTakesABinaryRecordFile() {
        var bucket = bucketId();
        var bytes = HoldingsFile.many(bucket, 3).setByte(3, "DTL-MARKET-VALUE", 7, 0x57).trailerHash("0").bytes();
        long before = fixture.count("select count(*) from ingestion_file");
        var report = api.post().uri("/api/feeds/holdings/validate").contentType(MediaType.APPLICATION_OCTET_STREAM).body(bytes)
                .retrieve().body(JSON);
        @SuppressWarnings("unchecked")
        var errors = (List<Map<String, Object>>) report.get("errors");
        assertThat(errors).first().satisfies(e -> assertThat(e).containsEntry("line", 3).containsEntry("field", "DTL-MARKET-VALUE")
                .containsEntry("byteOffset", 243).containsEntry("reason", "invalid sign nibble 0x7 (expected C, D or F)"));
        assertThat(report.get("report")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("rows", 3).containsEntry("badRows", 1).containsEntry("wouldReject", true);
        assertThat(fixture.count("select count(*) from ingestion_file")).isEqualTo(before);
    }

    @Test
    void mergeWritesTheRecordLayoutOrCsvOnRequestAndSummaryReadsRecordFiles() {
        var bucket = bucketId();
        var k1 = "upstream/" + InboundFixture.unique("h1.dat");
        var k2 = "upstream/" + InboundFixture.unique("h2.dat");
        fixture.put(k1, HoldingsFile.many(bucket, 3).bytes());
        fixture.put(k2, HoldingsFile.many(bucket, 4).bytes());

        var merged = api.post().uri("/api/feeds/holdings/merge").body(Map.of("keys", List.of(k1, k2), "targetName", bucket + ".dat"))
                .retrieve().toEntity(JSON);
        assertThat(merged.getStatusCode().value()).isEqualTo(201);
        assertThat(merged.getBody()).containsEntry("inputRows", 7).containsEntry("outputRows", 4);
        var mergedKey = (String) merged.getBody().get("key");
        var bytes = s3.getObjectAsBytes(g -> g.bucket(fixture.bucket).key(mergedKey)).asByteArray();
        assertThat(bytes).hasSize(6 * HoldingsFile.RECORD);
        var check = api.post().uri("/api/feeds/holdings/validate").contentType(MediaType.APPLICATION_OCTET_STREAM).body(bytes)
                .retrieve().body(JSON);
        assertThat((List<?>) check.get("errors")).as("the merged file is a valid holdings extract, trailer included").isEmpty();

        var csv = api.post().uri("/api/feeds/holdings/merge").body(Map.of("keys", List.of(k1, k2), "targetName", bucket + ".csv", "format", "csv"))
                .retrieve().body(JSON);
        var text = s3.getObjectAsBytes(g -> g.bucket(fixture.bucket).key((String) csv.get("key"))).asUtf8String();
        assertThat(text.lines().toList()).hasSize(5).first().isEqualTo("account_id,bucket_id,security_id,quantity,market_value,currency,as_of_date,source");
        assertThat(text.lines().toList().get(4)).endsWith(",S0000004,4.5,40.25,USD,2026-11-25,TACT");
        var wrong = api.post().uri("/api/feeds/allocations/merge").body(Map.of("keys", List.of(k1, k2), "targetName", "x.dat", "format", "records"))
                .retrieve().toEntity(JSON);
        assertThat(wrong.getStatusCode().value()).isEqualTo(400);

        var summary = api.get().uri("/api/feeds/holdings/summary?key={k}", k2).retrieve().body(JSON);
        assertThat(summary).containsEntry("rows", 4).containsEntry("distinctKeys", 4);
        @SuppressWarnings("unchecked")
        var columns = (List<Map<String, Object>>) summary.get("columns");
        assertThat(columns).filteredOn(c -> c.get("name").equals("market_value")).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("sum", 101).containsEntry("max", "40.25"));
    }

    @Test
    void aCsvFileHasNoRecordsToShow() {
        var key = "incoming/allocations/" + InboundFixture.unique("plain.csv");
        fixture.put(key, InboundFixture.HEADER + bucketId() + ",SEC1,1,2026-11-25,VENDOR,USD,EQUITY\n");
        var id = fixture.awaitFinished(key).get("id");
        var answer = api.get().uri("/api/files/{id}/records", id).retrieve().toEntity(JSON);
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(api.get().uri("/api/files/999999999/records").retrieve().toEntity(JSON).getStatusCode().value()).isEqualTo(404);
    }

    /** A bucket id no other test uses that fits DTL-BUCKET's 12 characters. */
    private static String bucketId() {
        return InboundFixture.bucketId().substring(0, 12);
    }

    private void awaitFeed(String name) {
        await().atMost(Duration.ofSeconds(15)).until(() -> api.get().uri("/api/feeds/" + name).retrieve().toEntity(JSON).getStatusCode().value() == 200);
    }
}
