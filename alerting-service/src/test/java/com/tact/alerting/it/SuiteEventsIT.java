package com.tact.alerting.it;

import static com.tact.alerting.it.CloudFixture.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The contract with inbound-service: its outbox relay puts FileRejected.v1 on the suite's bus; the EventBridge rule
 * routes it to the alerting event queue; the alert reaches the warning topic.
 */
class SuiteEventsIT extends AlertingItSupport {

    private final String key = "incoming/allocations/bad-" + UUID.randomUUID() + ".csv";
    private final String detail = """
            {"fileId": 42, "bucket": "%s-inbound-files", "key": "%s", "feed": "allocations", "status": "REJECTED",
             "reason": "3 of 4 rows failed validation", "errorCount": 3, "traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}
            """.formatted(CloudFixture.ENV, key);

    @Test
    void aRejectedFileOnTheBusBecomesAWarningAlert() {
        String dedupKey = "file-rejected:" + CloudFixture.ENV + "-inbound-files/" + key;
        String queue = CloudFixture.subscribe(CloudFixture.ENV + "-alerting-warning", "dedupKey", dedupKey);

        var put = CloudFixture.EVENTS.putEvents(b -> b.entries(e -> e.eventBusName(CloudFixture.ENV + "-tact-events")
                .source("tact.inbound").detailType("FileRejected.v1").detail(detail)));
        assertThat(put.failedEntryCount()).isZero();

        var received = new ArrayList<Message>();
        await().atMost(CloudFixture.timeout(60)).untilAsserted(() -> {
            received.addAll(CloudFixture.drain(queue));
            assertThat(received).as("notifications").isNotEmpty();
        });
        CloudFixture.assertNoMoreArrive(queue, received, 1);
        Message m = received.getFirst();
        assertThat(attribute(m, "source")).isEqualTo("tact.inbound");
        assertThat(attribute(m, "severity")).isEqualTo("WARNING");
        assertThat(m.body()).contains("3 of 4 rows failed validation").contains(key);
        // the trace of the file goes on: the publish is a span of the event's trace, named in the SNS attributes
        assertThat(attribute(m, "traceparent")).as("SNS traceparent attribute")
                .startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-").doesNotContain("00f067aa0ba902b7");

        var history = api.history("tact.inbound").stream().filter(a -> a.get("dedupKey").asString().equals(dedupKey)).toList();
        assertThat(history).hasSize(1);
        assertThat(history.getFirst().get("originEventId").asString()).isEqualTo(put.entries().getFirst().eventId());
    }

    @Test
    void aDeadLetteredDeliveryOfOutboundIsRoutedByTheRuleAndIsCritical() {
        String partner = "partner-" + UUID.randomUUID();
        String queue = CloudFixture.subscribe(CloudFixture.ENV + "-alerting-critical", "dedupKey", "dead-lettered:" + partner);

        var put = CloudFixture.EVENTS.putEvents(b -> b.entries(e -> e.eventBusName(CloudFixture.ENV + "-tact-events")
                .source("tact.outbound").detailType("DeliveryDeadLettered.v1")
                .detail("{\"partner\": \"" + partner + "\", \"eventId\": \"e-1\"}")));
        assertThat(put.failedEntryCount()).isZero();

        var received = new ArrayList<Message>();
        await().atMost(CloudFixture.timeout(60)).untilAsserted(() -> {
            received.addAll(CloudFixture.drain(queue));
            assertThat(received).as("notifications").isNotEmpty();
        });
        CloudFixture.assertNoMoreArrive(queue, received, 1);
        assertThat(attribute(received.getFirst(), "severity")).isEqualTo("CRITICAL");
        assertThat(attribute(received.getFirst(), "source")).isEqualTo("tact.outbound");
    }

    @Test
    void aRedeliveredEventIsOneAlertAndAnUnreadableMessageIsAlertedNotRetried() {
        String eventsQueue = CloudFixture.SQS.getQueueUrl(b -> b.queueName(CloudFixture.ENV + "-alerting-events")).queueUrl();
        String eventId = UUID.randomUUID().toString();
        String envelope = """
                {"version":"0","id":"%s","detail-type":"FileRejected.v1","source":"tact.inbound","account":"123456789012",
                 "time":"2026-01-01T00:00:00Z","region":"us-east-1","resources":[],"detail":%s}""".formatted(eventId, detail);
        CloudFixture.SQS.sendMessage(b -> b.queueUrl(eventsQueue).messageBody(envelope));
        CloudFixture.SQS.sendMessage(b -> b.queueUrl(eventsQueue).messageBody(envelope));
        String garbage = "not an event " + UUID.randomUUID();
        CloudFixture.SQS.sendMessage(b -> b.queueUrl(eventsQueue).messageBody(garbage));

        await().atMost(CloudFixture.timeout(60)).untilAsserted(() -> assertThat(api.history("alerting-service"))
                .as("unreadable-event alerts").anyMatch(a -> api.body(a.get("alertId").asString()).contains(garbage)));
        SuiteEventIntakeIT.awaitQueueEmpty(eventsQueue);
        assertThat(api.history("tact.inbound").stream().filter(a -> eventId.equals(a.get("originEventId").asString())))
                .hasSize(1);
    }
}
