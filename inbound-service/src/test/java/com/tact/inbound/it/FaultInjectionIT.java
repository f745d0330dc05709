package com.tact.inbound.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.tact.inbound.ingestion.ObjectMetadata;
import com.tact.inbound.ingestion.ObjectRef;
import com.tact.inbound.ingestion.ObjectSource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Faults injected into the one collaborator that reads and writes objects, everything else real (moto, SQS,
 * Postgres, HTTP): whatever the work throws, an OutOfMemoryError included, the file ends REJECTED after its
 * attempts instead of staying PROCESSING; pushes beyond their lanes get 503 with Retry-After, and a duplicate
 * notification meanwhile waits instead of ingesting twice; a merge that fails half-way leaves no object.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tact.inbound.claim.lease=5s",
        "tact.inbound.claim.heartbeat=1s",
        "tact.inbound.claim.visibility-timeout=10s",
        "tact.inbound.claim.retry-backoff=1s",
        "tact.inbound.claim.max-attempts=2",
        "tact.inbound.push.concurrency=1",
        "tact.inbound.push.retry-after=7s"})
@ActiveProfiles("local")
@DirtiesContext // its faults must not outlive the class in the context cache
@Import({FaultInjectionIT.Faults.class, InboundITBase.Spans.class})
class FaultInjectionIT {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };
    private static final String PREFIX = "fault-test/allocations/";
    /** A "slow" object's stream waits here until the test opens the gate. */
    static volatile CountDownLatch gate = new CountDownLatch(0);

    @TestConfiguration(proxyBeanMethods = false)
    static class Faults {
        @Bean
        static BeanPostProcessor faultyObjects() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof ObjectSource objects && !(bean instanceof FaultyObjects) ? new FaultyObjects(objects) : bean;
                }
            };
        }
    }

    /** Objects whose key says "oom" exhaust the heap when read; "slow" ones wait for the gate; "explode" targets fail. */
    record FaultyObjects(ObjectSource real) implements ObjectSource {
        @Override
        public ObjectMetadata head(ObjectRef ref) {
            return real.head(ref);
        }

        @Override
        public InputStream open(ObjectMetadata object) {
            var in = real.open(object);
            if (object.key().contains("oom")) {
                return new FilterInputStream(in) {
                    @Override
                    public int read(byte[] b, int off, int len) {
                        throw new OutOfMemoryError("injected: the file exhausted the heap");
                    }
                };
            }
            if (object.key().contains("slow")) {
                try {
                    if (!gate.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never opened the gate");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return in;
        }

        @Override
        public NewObject create(String bucket, String key, String contentType) {
            var object = real.create(bucket, key, contentType);
            if (!key.contains("explode")) {
                return object;
            }
            return new NewObject() {
                final OutputStream failing = new FilterOutputStream(object.stream()) {
                    int written;

                    @Override
                    public void write(int b) throws IOException {
                        if (++written > 64) {
                            throw new IOException("injected: the connection to S3 broke");
                        }
                        super.write(b);
                    }
                };

                @Override
                public OutputStream stream() {
                    return failing;
                }

                @Override
                public void complete() throws IOException {
                    object.complete();
                }

                @Override
                public void abort() {
                    object.abort();
                }
            };
        }
    }

    @Autowired
    S3Client s3;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    InMemorySpanExporter spans;
    @LocalServerPort
    int port;

    InboundFixture fixture;
    RestClient api;

    /**
     * A queue of this class's own: another application context of the test run may be alive and listening on
     * the inbound queue, and it must not take these objects. They live under a prefix S3 does not notify; the
     * test sends their notifications here itself.
     */
    static final String QUEUE = "fault-it-" + java.util.UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void ownQueue(DynamicPropertyRegistry registry) {
        try (var sqs = software.amazon.awssdk.services.sqs.SqsClient.create()) {
            sqs.createQueue(c -> c.queueName(QUEUE));
        }
        registry.add("tact.inbound.queue", () -> QUEUE);
    }

    @BeforeAll
    static void declareFeed(@Autowired JdbcClient jdbc) {
        InboundFixture.declareAllocationsLike(jdbc, "fault-allocations", PREFIX, "spec");
    }

    @BeforeEach
    void setUp() {
        fixture = new InboundFixture(s3, jdbc);
        api = InboundFixture.operatorApi(port);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                api.get().uri("/api/feeds/fault-allocations").retrieve().toBodilessEntity().getStatusCode().value() == 200);
    }

    @AfterEach
    void openGate() {
        gate.countDown();
    }

    @Test
    void aFileThatExhaustsTheHeapIsRejectedAfterItsAttemptsNotLeftProcessing() {
        var b = InboundFixture.bucketId();
        var key = PREFIX + InboundFixture.unique("oom.csv");
        fixture.put(key, InboundFixture.HEADER + b + ",SEC1,1,2026-11-25,VENDOR,USD,EQUITY\n");
        var queueUrl = fixture.queueUrl(QUEUE);
        var eTag = s3.headObject(h -> h.bucket(fixture.bucket).key(key)).eTag().replace("\"", "");
        fixture.sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(fixture.s3Event(key, eTag)));

        var file = fixture.awaitFinished(key, Duration.ofSeconds(90));
        assertThat(file).containsEntry("status", "REJECTED").containsEntry("attempts", 3).containsEntry("reclaimable", true);
        assertThat((String) file.get("reason")).startsWith("given up after 2 attempts that did not finish; the last: attempt 2 failed")
                .contains("OutOfMemoryError: injected");
        assertThat(fixture.errors((Long) file.get("id"))).singleElement()
                .satisfies(e -> assertThat((String) e.get("reason")).startsWith("given up after 2 attempts"));
        assertThat(fixture.count("select count(*) from outbox_event where event_type = 'FileRejected' and aggregate_id = ?",
                file.get("id").toString())).isEqualTo(1);
        assertThat(fixture.count("select count(*) from allocation_candidate where bucket_id = ?", b)).isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(fixture.queueDepth(queueUrl)).isEqualTo("0/0"));
    }

    @Test
    void pushesBeyondTheirLanesGet503AndADuplicateNotificationWaitsForTheRunningIngestion() throws Exception {
        gate = new CountDownLatch(1);
        var b = InboundFixture.bucketId();
        var slow = PREFIX + InboundFixture.unique("slow.csv");
        fixture.put(slow, InboundFixture.HEADER + b + ",SEC1,1,2026-11-25,VENDOR,USD,EQUITY\n");
        var other = PREFIX + InboundFixture.unique("other.csv");
        fixture.put(other, InboundFixture.HEADER + b + ",SEC2,1,2026-11-25,VENDOR,USD,EQUITY\n");

        var first = CompletableFuture.supplyAsync(() -> api.post().uri("/api/ingestions").body(Map.of("key", slow)).retrieve().toEntity(JSON));
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.ledger(slow), rows -> rows.size() == 1
                && "PROCESSING".equals(rows.getFirst().get("status")));

        var refused = api.post().uri("/api/ingestions").body(Map.of("key", other)).retrieve().toEntity(JSON);
        assertThat(refused.getStatusCode().value()).isEqualTo(503);
        assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("7");
        assertThat((String) refused.getBody().get("detail")).contains("1 push ingestions are already running");
        assertThat(fixture.ledger(other)).as("refused before anything was claimed").isEmpty();

        // the same object notified while its push is still running: the message must wait, not ingest again
        var queueUrl = fixture.queueUrl(QUEUE);
        var eTag = s3.headObject(h -> h.bucket(fixture.bucket).key(slow)).eTag().replace("\"", "");
        fixture.sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(fixture.s3Event(slow, eTag)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(fixture.queueDepth(queueUrl)).isEqualTo("0/1"));
        assertThat(fixture.ledger(slow)).singleElement().satisfies(r -> assertThat(r).containsEntry("status", "PROCESSING"));

        gate.countDown();
        var pushed = first.get(60, TimeUnit.SECONDS);
        assertThat(pushed.getStatusCode().value()).isEqualTo(200);
        assertThat(pushed.getBody()).containsEntry("status", "DONE").containsEntry("duplicate", false);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(fixture.queueDepth(queueUrl)).isEqualTo("0/0"));
        assertThat(fixture.ledger(slow)).singleElement().satisfies(r -> assertThat(r).containsEntry("status", "DONE").containsEntry("attempts", 1));
        assertThat(fixture.count("select count(*) from outbox_event where event_type = 'FileIngested' and aggregate_id = ?",
                fixture.ledger(slow).getFirst().get("id").toString())).isEqualTo(1);

        var later = api.post().uri("/api/ingestions").body(Map.of("key", other)).retrieve().toEntity(JSON);
        assertThat(later.getStatusCode().value()).isEqualTo(200);
        assertThat(later.getBody()).containsEntry("status", "DONE");
    }

    @Test
    void aMergeThatFailsHalfWayLeavesNoObjectBehind() {
        var b = InboundFixture.bucketId();
        var k1 = "upstream/" + InboundFixture.unique("m1.csv");
        var k2 = "upstream/" + InboundFixture.unique("m2.csv");
        var rows = new StringBuilder(InboundFixture.HEADER);
        for (int i = 0; i < 50; i++) {
            rows.append(b).append(",SEC").append(i).append(",1,2026-11-25,VENDOR,USD,EQUITY\n");
        }
        fixture.put(k1, rows.toString());
        fixture.put(k2, rows.toString().replace("VENDOR", "CUSTODIAN"));

        var failed = api.post().uri("/api/feeds/allocations/merge").body(Map.of("keys", List.of(k1, k2), "targetName", b + "-explode.csv"))
                .retrieve().toEntity(JSON);
        assertThat(failed.getStatusCode().value()).isEqualTo(500);
        assertThat(s3.listObjectsV2(l -> l.bucket(fixture.bucket).prefix("merged/allocations/" + b)).contents()).isEmpty();
        assertThat(s3.listMultipartUploads(l -> l.bucket(fixture.bucket).prefix("merged/allocations/" + b)).uploads()).isEmpty();
    }

}
