package com.tact.console.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.tact.testsupport.Awaits;
import com.tact.testsupport.Cloud;
import com.tact.testsupport.Env;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The queue API against the emulator; every test works on suite queues no other test of this class touches. */
class QueuesIT extends ConsoleItSupport {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST = new ParameterizedTypeReference<>() {
    };
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Map<String, Object> queue(String name) {
        return api().get().uri("/api/queues/{q}", name).retrieve().body(JSON);
    }

    private List<Map<String, Object>> peek(String name) {
        var response = api().get().uri("/api/queues/{q}/messages", name).retrieve().toEntity(JSON_LIST);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private ResponseEntity<Map<String, Object>> post(String uri, Object body, Object... vars) {
        var spec = api().post().uri(uri, vars);
        if (body != null) {
            spec = spec.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return spec.retrieve().toEntity(JSON);
    }

    @Test
    void theListShowsEverySuiteQueueWithItsDepthAndHowTheAgeWasMeasured() {
        drain(ALERTING_EVENTS);
        for (int i = 0; i < 3; i++) {
            send(ALERTING_EVENTS, "depth " + i, Map.of());
        }
        var queues = api().get().uri("/api/queues").retrieve().body(JSON_LIST);
        assertThat(queues).extracting(q -> q.get("name")).contains(INBOUND_QUEUE, ENV + "-inbound-files-dlq",
                CUSTODIAN_A_QUEUE, CUSTODIAN_A_DLQ, ENV + "-outbound-vendor-b", VENDOR_B_DLQ, ALERTING_EVENTS,
                ALERTING_EVENTS_DLQ).hasSize(8);
        var events = queues.stream().filter(q -> q.get("name").equals(ALERTING_EVENTS)).findFirst().orElseThrow();
        assertThat(events).containsEntry("kind", "source").containsEntry("pairedWith", ALERTING_EVENTS_DLQ)
                .containsEntry("visible", 3).containsEntry("oldestAgeSeconds", null);
        assertThat((String) events.get("ageSource")).contains("maxReceiveCount");
        assertThat(visibleCount(ALERTING_EVENTS)).as("listing received nothing from a source queue").isEqualTo("3");
        drain(ALERTING_EVENTS);
    }

    @Test
    @SuppressWarnings("unchecked")
    void peekingADlqLeavesTheMessageThereAndShowsItsReceiveCount() {
        drain(VENDOR_B_DLQ);
        String id = send(VENDOR_B_DLQ, "{\"dead\":\"letter\"}", Map.of("partner", "vendor-b"));
        var first = peek(VENDOR_B_DLQ);
        assertThat(first).hasSize(1);
        assertThat(first.get(0)).containsEntry("messageId", id).containsEntry("body", "{\"dead\":\"letter\"}")
                .containsEntry("bodyTruncated", false).containsEntry("receiveCount", 1);
        assertThat((Map<String, Object>) first.get(0).get("attributes")).containsEntry("partner", "vendor-b");
        assertThat(first.get(0).get("sentAt")).isNotNull();
        var second = peek(VENDOR_B_DLQ);
        assertThat(second).hasSize(1);
        assertThat(second.get(0)).containsEntry("messageId", id).containsEntry("receiveCount", 2);
        var dlq = queue(VENDOR_B_DLQ);
        assertThat(dlq).containsEntry("visible", 1).containsEntry("kind", "dlq");
        assertThat(dlq.get("oldestAgeSeconds")).as("a DLQ's age comes from a peek: %s", dlq).isNotNull();
        drain(VENDOR_B_DLQ);
    }

    @Test
    void peekOnASourceQueueIsRefusedWithTheReason() {
        var response = api().get().uri("/api/queues/{q}/messages", INBOUND_QUEUE).retrieve().toEntity(JSON);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).containsEntry("reason", "not-a-dlq");
        assertThat((String) response.getBody().get("detail")).contains("maxReceiveCount");
    }

    @Test
    void unknownQueuesAreNotFound() {
        assertThat(api().get().uri("/api/queues/{q}", "someone-elses-queue").retrieve().toEntity(JSON).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(post("/api/queues/{q}/messages", Map.of("body", "x"), "someone-elses-queue").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aSyntheticS3EventForAnUploadedObjectArrivesOnTheInboundQueue() {
        String key = INBOUND_PREFIX + "it-" + UUID.randomUUID().toString().substring(0, 8) + "/allocations 1.csv";
        var put = Cloud.S3.putObject(b -> b.bucket(INBOUND_BUCKET).key(key), RequestBody.fromString("bucket_id,weight\n"));
        var head = Cloud.S3.headObject(b -> b.bucket(INBOUND_BUCKET).key(key));
        var published = post("/api/queues/{q}/messages", Map.of("s3Object", Map.of("key", key)), INBOUND_QUEUE);
        assertThat(published.getStatusCode()).as("%s", published.getBody()).isEqualTo(HttpStatus.OK);
        String messageId = (String) published.getBody().get("messageId");

        // the emulator's own notification of the upload arrives too: ours is the one with the console's message id
        var received = new ArrayList<Message>();
        Message ours = Awaits.until("the synthetic event on " + INBOUND_QUEUE, Env.timeout(10), () -> {
            received.addAll(drain(INBOUND_QUEUE));
            return received.stream().filter(m -> m.messageId().equals(messageId)).findFirst().orElse(null);
        }, m -> m != null);
        assertThat(ours.messageAttributes().get("tact-console-origin").stringValue()).isEqualTo("synthetic-s3-event");
        JsonNode record = MAPPER.readTree(ours.body()).path("Records").get(0);
        assertThat(record.path("eventName").asString()).isEqualTo("ObjectCreated:Put");
        JsonNode s3 = record.path("s3");
        assertThat(s3.path("bucket").path("name").asString()).isEqualTo(INBOUND_BUCKET);
        assertThat(URLDecoder.decode(s3.path("object").path("key").asString(), StandardCharsets.UTF_8)).isEqualTo(key);
        assertThat(s3.path("object").path("size").asLong()).isEqualTo(17);
        assertThat(s3.path("object").path("eTag").asString()).isEqualTo(head.eTag().replace("\"", ""));
        assertThat(s3.path("object").path("versionId").asString()).isEqualTo(put.versionId());
    }

    @Test
    void publishingIsBoundedAndFenced() {
        var tooLarge = post("/api/queues/{q}/messages", Map.of("body", "x".repeat(262_145)), ALERTING_EVENTS_DLQ);
        assertThat(tooLarge.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        var eventElsewhere = post("/api/queues/{q}/messages", Map.of("s3Object", Map.of("key", INBOUND_PREFIX + "a.csv")),
                CUSTODIAN_A_QUEUE);
        assertThat(eventElsewhere.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(eventElsewhere.getBody()).containsEntry("reason", "not-the-notification-queue");
        var missingObject = post("/api/queues/{q}/messages", Map.of("s3Object", Map.of("key", INBOUND_PREFIX + "no-such.csv")),
                INBOUND_QUEUE);
        assertThat(missingObject.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        var both = post("/api/queues/{q}/messages", Map.of("body", "x", "s3Object", Map.of("key", "k")), INBOUND_QUEUE);
        assertThat(both.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    @SuppressWarnings("unchecked")
    void redriveMovesSelectedThenAllMessagesBackToTheSourceAndASecondCallMovesNothing() {
        drain(CUSTODIAN_A_DLQ);
        drain(CUSTODIAN_A_QUEUE);
        var ids = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            ids.add(send(CUSTODIAN_A_DLQ, "event " + i, Map.of("eventId", "e" + i)));
        }
        var selected = post("/api/queues/{q}/redrive", Map.of("messageIds", List.of(ids.get(1))), CUSTODIAN_A_DLQ);
        assertThat(selected.getStatusCode()).as("%s", selected.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(selected.getBody()).containsEntry("moved", 1).containsEntry("failed", 0)
                .containsEntry("source", CUSTODIAN_A_QUEUE);
        assertThat(visibleCount(CUSTODIAN_A_DLQ)).as("the two others are visible again at once").isEqualTo("2");

        var all = post("/api/queues/{q}/redrive", null, CUSTODIAN_A_DLQ);
        assertThat(all.getBody()).containsEntry("moved", 2).containsEntry("failed", 0);
        var again = post("/api/queues/{q}/redrive", null, CUSTODIAN_A_DLQ);
        assertThat(again.getBody()).containsEntry("moved", 0);
        var selectedAgain = post("/api/queues/{q}/redrive", Map.of("messageIds", List.of(ids.get(1))), CUSTODIAN_A_DLQ);
        assertThat(selectedAgain.getBody()).containsEntry("moved", 0);
        assertThat((List<String>) selectedAgain.getBody().get("notFound")).containsExactly(ids.get(1));

        assertThat(visibleCount(CUSTODIAN_A_DLQ)).isEqualTo("0");
        var moved = drain(CUSTODIAN_A_QUEUE);
        assertThat(moved).extracting(Message::body).containsExactlyInAnyOrder("event 0", "event 1", "event 2");
        assertThat(moved).allSatisfy(m -> assertThat(m.messageAttributes().get("eventId").stringValue())
                .isEqualTo("e" + m.body().substring(6)));
    }

    @Test
    void redriveFromASourceQueueIsRefused() {
        var response = post("/api/queues/{q}/redrive", null, CUSTODIAN_A_QUEUE);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).containsEntry("reason", "not-a-dlq");
    }

    @Test
    @SuppressWarnings("unchecked")
    void purgeAsksForAConfirmationTokenThenPurges() {
        drain(ALERTING_EVENTS_DLQ);
        send(ALERTING_EVENTS_DLQ, "one", Map.of());
        send(ALERTING_EVENTS_DLQ, "two", Map.of());

        var unconfirmed = post("/api/queues/{q}/purge", null, ALERTING_EVENTS_DLQ);
        assertThat(unconfirmed.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_REQUIRED);
        assertThat(unconfirmed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat((Map<String, Object>) unconfirmed.getBody().get("depth")).containsEntry("visible", 2);
        String token = (String) unconfirmed.getBody().get("confirmationToken");
        assertThat(token).isNotBlank();
        assertThat(visibleCount(ALERTING_EVENTS_DLQ)).as("nothing purged yet").isEqualTo("2");

        var wrong = post("/api/queues/{q}/purge?confirm={t}", null, ALERTING_EVENTS_DLQ, "not-" + token);
        assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(wrong.getBody()).containsEntry("reason", "confirmation-token-invalid");
        var otherQueue = post("/api/queues/{q}/purge?confirm={t}", null, ALERTING_EVENTS, token);
        assertThat(otherQueue.getStatusCode()).as("a token is for one queue").isEqualTo(HttpStatus.FORBIDDEN);

        var purged = post("/api/queues/{q}/purge?confirm={t}", null, ALERTING_EVENTS_DLQ, token);
        assertThat(purged.getStatusCode()).as("%s", purged.getBody()).isEqualTo(HttpStatus.OK);
        Awaits.until("the purged DLQ empty", Env.timeout(20), () -> queue(ALERTING_EVENTS_DLQ),
                q -> Integer.valueOf(0).equals(q.get("visible")));
    }
}
