package com.tact.console.it;

import com.tact.testsupport.Cloud;
import com.tact.testsupport.Env;
import com.tact.testsupport.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * One application context for the ITs: the console on a random port, profile local, against the emulator and the
 * resource names ./tact test exports (no database: the console has none). Each test class uses queues of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
abstract class ConsoleItSupport {

    static final String ENV = Cloud.ENV;
    static final String INBOUND_BUCKET = Env.required("TACT_INBOUND_BUCKET");
    static final String INBOUND_PREFIX = Env.get("TACT_INBOUND_PREFIX", "incoming/");
    static final String PAYLOAD_BUCKET = Env.required("TACT_ALERT_PAYLOAD_BUCKET");
    static final String INBOUND_QUEUE = Env.required("TACT_INBOUND_QUEUE");
    static final String CUSTODIAN_A_QUEUE = Env.required("TACT_OUTBOUND_CUSTODIAN_A_QUEUE");
    static final String CUSTODIAN_A_DLQ = Env.required("TACT_OUTBOUND_CUSTODIAN_A_DLQ");
    static final String VENDOR_B_DLQ = Env.required("TACT_OUTBOUND_VENDOR_B_DLQ");
    static final String ALERTING_EVENTS = ENV + "-alerting-events";
    static final String ALERTING_EVENTS_DLQ = ENV + "-alerting-events-dlq";

    @LocalServerPort
    int port;

    RestClient api() {
        return Operator.client(port);
    }

    static String send(String queue, String body, Map<String, String> attributes) {
        var attrs = new java.util.HashMap<String, MessageAttributeValue>();
        attributes.forEach((k, v) -> attrs.put(k, MessageAttributeValue.builder().dataType("String").stringValue(v).build()));
        return Cloud.SQS.sendMessage(b -> b.queueUrl(Cloud.queueUrl(queue)).messageBody(body).messageAttributes(attrs))
                .messageId();
    }

    /** Receives and deletes whatever is on the queue now. */
    static List<Message> drain(String queue) {
        String url = Cloud.queueUrl(queue);
        var all = new ArrayList<Message>();
        while (true) {
            var messages = Cloud.SQS.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .messageAttributeNames("All")).messages();
            if (messages.isEmpty()) {
                return all;
            }
            for (var m : messages) {
                Cloud.SQS.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
            all.addAll(messages);
        }
    }

    static String visibleCount(String queue) {
        return Cloud.SQS.getQueueAttributes(b -> b.queueUrl(Cloud.queueUrl(queue)).attributeNamesWithStrings(
                "ApproximateNumberOfMessages")).attributesAsStrings().get("ApproximateNumberOfMessages");
    }
}
