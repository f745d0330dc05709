package com.tact.console.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.tact.testsupport.Cloud;
import com.tact.testsupport.Operator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import software.amazon.awssdk.core.sync.RequestBody;

/** The S3 API against the emulator: listing pages, metadata, versions, download, presigned URLs, the fences. */
class ObjectsIT extends ConsoleItSupport {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    private final String dir = "merged/it-" + UUID.randomUUID().toString().substring(0, 8) + "/";

    private String put(String bucket, String key, String content) {
        return Cloud.S3.putObject(b -> b.bucket(bucket).key(key).contentType("text/csv").metadata(Map.of("source", "it")),
                RequestBody.fromString(content)).versionId();
    }

    private Map<String, Object> getJson(String uri, Object... vars) {
        var response = api().get().uri(uri, vars).retrieve().toEntity(JSON);
        assertThat(response.getStatusCode().value()).as("GET %s: %s", uri, response.getBody()).isEqualTo(200);
        return response.getBody();
    }

    @Test
    @SuppressWarnings("unchecked")
    void listingPagesThroughFiveObjectsTwoAtATime() {
        for (int i = 0; i < 5; i++) {
            put(INBOUND_BUCKET, dir + "k" + i + ".csv", "row " + i);
        }
        var keys = new ArrayList<String>();
        String token = null;
        int pages = 0;
        do {
            var page = token == null
                    ? getJson("/api/s3/buckets/{b}/objects?prefix={p}&maxKeys=2", INBOUND_BUCKET, dir)
                    : getJson("/api/s3/buckets/{b}/objects?prefix={p}&maxKeys=2&continuationToken={t}", INBOUND_BUCKET, dir, token);
            var objects = (List<Map<String, Object>>) page.get("objects");
            assertThat(objects).hasSizeLessThanOrEqualTo(2);
            objects.forEach(o -> keys.add((String) o.get("key")));
            token = (String) page.get("nextContinuationToken");
            assertThat(page.get("truncated")).isEqualTo(token != null);
            pages++;
        } while (token != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(keys).containsExactly(dir + "k0.csv", dir + "k1.csv", dir + "k2.csv", dir + "k3.csv", dir + "k4.csv");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theBucketsAndTheirAllowedPrefixesAreListed() {
        var buckets = api().get().uri("/api/s3/buckets").retrieve().body(new ParameterizedTypeReference<List<Map<String, Object>>>() {
        });
        assertThat(buckets).extracting(b -> b.get("name")).containsExactly(INBOUND_BUCKET, PAYLOAD_BUCKET);
        assertThat((List<String>) buckets.get(0).get("prefixes")).containsExactly(INBOUND_PREFIX, "merged/");
        // the payload bucket is allowed whole
        put(PAYLOAD_BUCKET, "it/" + UUID.randomUUID(), "body");
        assertThat(getJson("/api/s3/buckets/{b}/objects?prefix=", PAYLOAD_BUCKET).get("objects")).asList().isNotEmpty();
    }

    @Test
    void metadataHasSizeEtagTypeAndUserMetadata() {
        String key = dir + "meta.csv";
        String versionId = put(INBOUND_BUCKET, key, "a,b\n1,2\n");
        var head = Cloud.S3.headObject(b -> b.bucket(INBOUND_BUCKET).key(key));
        var meta = getJson("/api/s3/buckets/{b}/object?key={k}", INBOUND_BUCKET, key);
        assertThat(meta).containsEntry("key", key).containsEntry("size", 8).containsEntry("contentType", "text/csv")
                .containsEntry("eTag", head.eTag().replace("\"", "")).containsEntry("versionId", versionId)
                .containsEntry("userMetadata", Map.of("source", "it"));
        assertThat(meta.get("lastModified")).isNotNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void versionsOfAKeyAreListedAndAnOldOneCanBeDownloaded() {
        String key = dir + "versioned.csv";
        String v1 = put(INBOUND_BUCKET, key, "first");
        String v2 = put(INBOUND_BUCKET, key, "second");
        put(INBOUND_BUCKET, key + ".other", "a longer key with the same prefix");
        assertThat(v1).as("the inbound bucket is versioned (cloud/provision.py)").isNotNull().isNotEqualTo(v2);
        var versions = (List<Map<String, Object>>) getJson("/api/s3/buckets/{b}/object/versions?key={k}", INBOUND_BUCKET, key)
                .get("versions");
        assertThat(versions).extracting(v -> v.get("versionId")).containsExactlyInAnyOrder(v1, v2);
        assertThat(versions).filteredOn(v -> Boolean.TRUE.equals(v.get("latest"))).extracting(v -> v.get("versionId"))
                .containsExactly(v2);
        var old = api().get().uri("/api/s3/buckets/{b}/object/content?key={k}&versionId={v}", INBOUND_BUCKET, key, v1)
                .retrieve().toEntity(byte[].class);
        assertThat(new String(old.getBody(), StandardCharsets.UTF_8)).isEqualTo("first");
        assertThat(old.getHeaders().getFirst("X-Object-Version-Id")).isEqualTo(v1);
    }

    @Test
    void aDownloadStreamsTheBytesAsAnAttachmentWithASafeFileName() {
        String key = dir + "Prüfung 1;\".csv";
        String content = "x".repeat(300_000);
        put(INBOUND_BUCKET, key, content);
        var response = api().get().uri("/api/s3/buckets/{b}/object/content?key={k}", INBOUND_BUCKET, key)
                .retrieve().toEntity(byte[].class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).isEqualTo(content);
        assertThat(response.getHeaders().getContentLength()).isEqualTo(300_000);
        assertThat(response.getHeaders().getFirst("Content-Disposition"))
                .isEqualTo("attachment; filename=\"Pr_fung 1;_.csv\"; filename*=UTF-8''Pr%C3%BCfung%201%3B%22.csv");
    }

    @Test
    void aPresignedUrlServesTheBytesToAPlainHttpClient() throws Exception {
        String key = dir + "presigned.csv";
        put(INBOUND_BUCKET, key, "presigned bytes");
        var presigned = api().post().uri("/api/s3/buckets/{b}/object/presigned-url?key={k}", INBOUND_BUCKET, key)
                .retrieve().toEntity(JSON);
        assertThat(presigned.getStatusCode()).as("%s", presigned.getBody()).isEqualTo(HttpStatus.OK);
        var url = URI.create((String) presigned.getBody().get("url"));
        assertThat(url.getHost()).as("the presigner points at the emulator too").isEqualTo(Cloud.ENDPOINT.getHost());
        try (var http = HttpClient.newHttpClient()) {
            var fetched = http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(fetched.statusCode()).isEqualTo(200);
            assertThat(fetched.body()).isEqualTo("presigned bytes");
        }
    }

    @Test
    void traversalForeignBucketsAndMissingObjectsAreProblems() {
        var traversal = api().get().uri("/api/s3/buckets/{b}/object?key={k}", INBOUND_BUCKET, "merged/../secret")
                .retrieve().toEntity(JSON);
        assertThat(traversal.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(traversal.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(traversal.getBody()).containsEntry("reason", "key-dot-segment").containsEntry("parameter", "key");

        var outside = api().get().uri("/api/s3/buckets/{b}/object/content?key={k}", INBOUND_BUCKET, "secrets/a.csv")
                .retrieve().toEntity(JSON);
        assertThat(outside.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(outside.getBody()).containsEntry("reason", "key-outside-allowed-prefixes");

        var foreign = api().get().uri("/api/s3/buckets/{b}/objects?prefix=", "someone-elses-bucket").retrieve().toEntity(JSON);
        assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(foreign.getBody()).containsEntry("reason", "bucket-not-allowed");

        var missing = api().get().uri("/api/s3/buckets/{b}/object?key={k}", INBOUND_BUCKET, dir + "nothing-here.csv")
                .retrieve().toEntity(JSON);
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(missing.getBody()).containsEntry("reason", "object-not-found");
        var missingDownload = api().get().uri("/api/s3/buckets/{b}/object/content?key={k}", INBOUND_BUCKET, dir + "nothing.csv")
                .retrieve().toEntity(JSON);
        assertThat(missingDownload.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void withoutACredentialNothingIsListed() {
        assertThat(Operator.anonymous(port).get().uri("/api/s3/buckets").retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }
}
