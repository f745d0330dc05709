package com.tact.alerting.it;

import com.tact.testsupport.Operator;
import static com.tact.alerting.it.CloudFixture.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazon.sqs.javamessaging.AmazonSQSExtendedClient;
import com.amazon.sqs.javamessaging.ExtendedClientConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

class AlertPublishingIT extends AlertingItSupport {

    private final String source = "it-publishing-" + UUID.randomUUID();

    @Test
    void aSmallAlertReachesAnSqsSubscriberOfItsTopicWithItsAttributes() {
        String queue = CloudFixture.subscribe(CloudFixture.ENV + "-alerting-warning", "source", source);

        var response = api.raise(alert("WARNING", "Disk almost full", "92% used on /data"));

        assertThat(response.getStatusCode().value()).isEqualTo(202);
        String alertId = AlertingApi.json(response).get("alertId").asString();
        assertThat(response.getHeaders().getLocation()).hasToString("/api/alerts/" + alertId);

        var received = new ArrayList<Message>();
        await().atMost(CloudFixture.timeout(30)).untilAsserted(() -> {
            received.addAll(CloudFixture.drain(queue));
            assertThat(received).as("notifications").isNotEmpty();
        });
        CloudFixture.assertNoMoreArrive(queue, received, 1);
        Message m = received.getFirst();
        assertThat(m.body()).isEqualTo("92% used on /data");
        assertThat(attribute(m, "alertId")).isEqualTo(alertId);
        assertThat(attribute(m, "severity")).isEqualTo("WARNING");
        assertThat(attribute(m, "source")).isEqualTo(source);
        assertThat(attribute(m, "topic")).isEqualTo("warning");
        assertThat(attribute(m, "occurrences")).isEqualTo("1");

        await().atMost(CloudFixture.timeout(10)).untilAsserted(() ->
                assertThat(api.alert(alertId).get("state").asString()).isEqualTo("PUBLISHED"));
        var history = api.alert(alertId);
        assertThat(history.get("snsMessageId").asString()).isNotBlank();
        assertThat(history.get("payloadPointer").isNull()).isTrue();
    }

    @Test
    void aOneMebibyteAlertIsOffloadedAndReadInFullByTheSqsExtendedClient() {
        String queue = CloudFixture.subscribe(CloudFixture.ENV + "-alerting-critical", "source", source);
        String body = bigBody(1024 * 1024);

        var response = api.raise(alert("CRITICAL", "Reconciliation report", body));
        assertThat(response.getStatusCode().value()).isEqualTo(202);
        String alertId = AlertingApi.json(response).get("alertId").asString();

        // the subscriber side of the contract: AWS's SQS extended client resolves the S3 pointer by itself
        var subscriber = new AmazonSQSExtendedClient(CloudFixture.SQS,
                new ExtendedClientConfiguration().withPayloadSupportEnabled(CloudFixture.S3, CloudFixture.ENV + "-alerting-payloads"));
        var received = new ArrayList<Message>();
        await().atMost(CloudFixture.timeout(30)).untilAsserted(() -> {
            received.addAll(subscriber.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10)
                    .messageAttributeNames("All")).messages());
            assertThat(received).as("notifications").isNotEmpty();
        });
        CloudFixture.assertNoMoreArrive(queue, received, 1);
        assertThat(received.getFirst().body()).hasSize(body.length()).isEqualTo(body);
        assertThat(attribute(received.getFirst(), "alertId")).isEqualTo(alertId);

        var history = api.alert(alertId);
        assertThat(history.get("state").asString()).isEqualTo("OFFLOADED");
        assertThat(history.get("payloadPointer").asString())
                .isEqualTo("s3://" + CloudFixture.ENV + "-alerting-payloads/alerts/" + alertId);
        assertThat(history.get("bodyBytes").asInt()).isEqualTo(body.getBytes(StandardCharsets.UTF_8).length);
        assertThat(api.body(alertId)).isEqualTo(body);
    }

    @Test
    void aBodyThatWithItsAttributesIsExactlyAtTheThresholdGoesInlineAndOneByteMoreIsOffloaded() {
        String queue = CloudFixture.subscribe(CloudFixture.ENV + "-alerting-info", "source", source);
        // as AWS counts a message: body bytes plus, per attribute, name + data type + value bytes (UTF-8)
        String atKey = "boundary-at-" + UUID.randomUUID();
        String overKey = "boundary-over-" + UUID.randomUUID();
        String inline = multiByteBody(THRESHOLD - attributeBytes(atKey));
        String offloaded = multiByteBody(THRESHOLD - attributeBytes(overKey) + 1);

        String inlineId = AlertingApi.json(api.raise(alert("INFO", "at the threshold", inline, atKey))).get("alertId").asString();
        String offloadedId = AlertingApi.json(api.raise(alert("INFO", "one byte over", offloaded, overKey))).get("alertId").asString();

        var received = new ArrayList<Message>();
        await().atMost(CloudFixture.timeout(30)).untilAsserted(() -> {
            received.addAll(CloudFixture.drain(queue));
            assertThat(ids(received)).as("alert ids received").containsExactlyInAnyOrder(inlineId, offloadedId);
        });
        Message atThreshold = received.stream().filter(m -> inlineId.equals(attribute(m, "alertId"))).findFirst().orElseThrow();
        Message overThreshold = received.stream().filter(m -> offloadedId.equals(attribute(m, "alertId"))).findFirst().orElseThrow();
        assertThat(atThreshold.body()).isEqualTo(inline);
        // the relay records the outcome after SNS has accepted (and so may already have delivered) the message
        await().atMost(CloudFixture.timeout(10)).untilAsserted(() ->
                assertThat(api.alert(inlineId).get("state").asString()).isEqualTo("PUBLISHED"));
        assertThat(overThreshold.body()).contains("s3BucketName").contains("alerts/" + offloadedId);
        assertThat(attribute(overThreshold, "ExtendedPayloadSize"))
                .isEqualTo(Integer.toString(offloaded.getBytes(StandardCharsets.UTF_8).length));
        await().atMost(CloudFixture.timeout(10)).untilAsserted(() ->
                assertThat(api.alert(offloadedId).get("state").asString()).isEqualTo("OFFLOADED"));
    }

    private static final int THRESHOLD = 245_760;

    /**
     * The attributes the service sends with every notification; the alert id is a 36-character UUID; the trace
     * context of the publish (raised through the API, the alert belongs to the request's trace) a 55-character
     * W3C traceparent.
     */
    private int attributeBytes(String dedupKey) {
        Map<String, String[]> attributes = Map.of(
                "alertId", new String[] {"String", "x".repeat(36)},
                "severity", new String[] {"String", "INFO"},
                "source", new String[] {"String", source},
                "topic", new String[] {"String", "info"},
                "dedupKey", new String[] {"String", dedupKey},
                "occurrences", new String[] {"Number", "1"},
                "traceparent", new String[] {"String", "x".repeat(55)});
        return attributes.entrySet().stream().mapToInt(e -> utf8(e.getKey()) + utf8(e.getValue()[0]) + utf8(e.getValue()[1]))
                .sum();
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Exactly this many UTF-8 bytes, mostly two-byte characters, so that characters and bytes differ. */
    private static String multiByteBody(int bytes) {
        return "é".repeat(bytes / 2) + "a".repeat(bytes % 2);
    }

    @Test
    void aSeveralMebibyteTextBodyIsTakenAsItIsAndOffloaded() {
        byte[] body = bigBody(5 * 1024 * 1024).getBytes(StandardCharsets.UTF_8);

        var response = api.raiseText("severity=INFO&source=" + source + "&title=Nightly+export+log", body);

        assertThat(response.getStatusCode().value()).isEqualTo(202);
        String alertId = AlertingApi.json(response).get("alertId").asString();
        await().atMost(CloudFixture.timeout(30)).untilAsserted(() ->
                assertThat(api.alert(alertId).get("state").asString()).isEqualTo("OFFLOADED"));
        assertThat(api.alert(alertId).get("bodyBytes").asInt()).isEqualTo(body.length);
        assertThat(CloudFixture.S3.getObjectAsBytes(b -> b.bucket(CloudFixture.ENV + "-alerting-payloads")
                .key("alerts/" + alertId)).asByteArray()).hasSize(body.length);
    }

    @Test
    void badInputGetsAClearProblemAndTheServiceStaysHealthy() throws Exception {
        var missingSeverity = api.raise(alert(null, "t", "b"));
        assertThat(missingSeverity.getStatusCode().value()).isEqualTo(400);
        assertThat(missingSeverity.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(missingSeverity.getBody()).contains("severity is required");

        var unknownSeverity = api.raise(alert("URGENT", "t", "b"));
        assertThat(unknownSeverity.getStatusCode().value()).isEqualTo(400);

        var withTopic = alert("INFO", "t", "b");
        withTopic.put("topic", "no-such-audience");
        var unknownTopic = api.raise(withTopic);
        assertThat(unknownTopic.getStatusCode().value()).isEqualTo(400);
        assertThat(unknownTopic.getBody()).contains("unknown topic 'no-such-audience'").contains("critical");

        byte[] prefix = ("{\"severity\":\"INFO\",\"source\":\"" + source + "\",\"title\":\"t\",\"body\":\"caf")
                .getBytes(StandardCharsets.UTF_8);
        byte[] notUtf8Json = java.util.Arrays.copyOf(prefix, prefix.length + 3);
        notUtf8Json[prefix.length] = (byte) 0xE9; // a Latin-1 é where UTF-8 is required
        notUtf8Json[prefix.length + 1] = '"';
        notUtf8Json[prefix.length + 2] = '}';
        assertThat(api.raiseRawJson(notUtf8Json).getStatusCode().value()).isEqualTo(400);

        var notUtf8Text = api.raiseText("severity=INFO&source=" + source + "&title=t", new byte[] {'c', 'a', 'f', (byte) 0xE9});
        assertThat(notUtf8Text.getStatusCode().value()).isEqualTo(400);
        assertThat(notUtf8Text.getBody()).contains("not valid UTF-8");

        var tooLarge = api.raiseText("severity=INFO&source=" + source + "&title=t", new byte[8 * 1024 * 1024 + 1]);
        assertThat(tooLarge.getStatusCode().value()).isEqualTo(413);

        // JSON without a Content-Length (chunked): refused once it passes the wire limit, not read to its end
        var hugeJson = ("{\"severity\":\"INFO\",\"source\":\"" + source + "\",\"title\":\"t\",\"body\":\""
                + "x".repeat(17 * 1024 * 1024 + 200_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        var chunked = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/alerts"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", Operator.authorization())
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(hugeJson)))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.request().headers().firstValue("Content-Length")).isEmpty();
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).contains("passed", "while being read");

        var anonymous = new AlertingApi("http://127.0.0.1:" + port, null).raise(alert("INFO", "t", "b"));
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);

        assertThat(api.history(source)).isEmpty();
        assertThat(api.get("/actuator/health").getBody()).contains("\"UP\"");
    }

    @Test
    void theApiIsDescribedByOpenApi() {
        assertThat(api.get("/v3/api-docs").getBody()).contains("/api/alerts").contains("/api/silences");
    }

    private Map<String, Object> alert(String severity, String title, String body) {
        return alert(severity, title, body, UUID.randomUUID().toString());
    }

    private Map<String, Object> alert(String severity, String title, String body, String dedupKey) {
        var alert = new HashMap<String, Object>();
        if (severity != null) {
            alert.put("severity", severity);
        }
        alert.put("source", source);
        alert.put("dedupKey", dedupKey);
        alert.put("title", title);
        alert.put("body", body);
        return alert;
    }

    /** Multi-byte text, so that characters and bytes differ. */
    static String bigBody(int bytes) {
        var line = "Zeile ü € 0123456789 abcdefghijklmnopqrstuvwxyz\n";
        return line.repeat(bytes / line.getBytes(StandardCharsets.UTF_8).length);
    }

    static List<String> ids(List<Message> messages) {
        return messages.stream().map(m -> attribute(m, "alertId")).toList();
    }
}
