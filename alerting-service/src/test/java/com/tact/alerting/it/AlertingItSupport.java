package com.tact.alerting.it;

import com.tact.testsupport.TcpProxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One application context for all in-process ITs (same configuration, so Spring caches it): the real service on
 * a random port, real moto SNS/SQS/S3, real Postgres. SNS is reached through {@link #SNS_PATH}, which a test can cut.
 * The relay runs fast here (short backoff, no rate limit except on the ratelimited topic, a 2 s group wait, an 8 s
 * dedup window).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.test.tracing.export=true",
        "spring.test.metrics.export=true",
        "tact.alerting.dedup.group-wait=2s",
        "tact.alerting.dedup.window=" + AlertingItSupport.DEDUP_WINDOW_SECONDS + "s",
        "tact.alerting.outbox.poll-interval=100ms",
        "tact.alerting.outbox.initial-backoff=100ms",
        "tact.alerting.outbox.max-backoff=1s",
        "tact.alerting.outbox.rate-per-minute=100000",
})
@ActiveProfiles("local")
abstract class AlertingItSupport {

    /** An audience of its own per run: a rate window is time-based and would carry over between runs. */
    static final String RATE_LIMITED_AUDIENCE = "ratelimited-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    static final String RATE_LIMITED_TOPIC = CloudFixture.ENV + "-alerting-" + RATE_LIMITED_AUDIENCE;
    static final int DEDUP_WINDOW_SECONDS = 8;

    /** An audience whose topic name does not exist until a test creates it. */
    static final String MISSING_AUDIENCE = "missing";
    static final String MISSING_TOPIC = CloudFixture.ENV + "-alerting-missing-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    /** An audience on a FIFO topic: SNS refuses every publish without a MessageGroupId, a permanent refusal. */
    static final String REFUSING_AUDIENCE = "refusing";
    static final String REFUSING_TOPIC = CloudFixture.ENV + "-alerting-refusing.fifo";
    static final TcpProxy SNS_PATH;

    static {
        try {
            SNS_PATH = new TcpProxy("127.0.0.1", CloudFixture.motoPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CloudFixture.topicArn(RATE_LIMITED_TOPIC);
        CloudFixture.SNS.createTopic(b -> b.name(REFUSING_TOPIC).attributes(java.util.Map.of("FifoTopic", "true")));
    }

    @DynamicPropertySource
    static void snsThroughTheProxy(DynamicPropertyRegistry registry) {
        registry.add("tact.alerting.sns-endpoint", SNS_PATH::url);
        registry.add("tact.alerting.topics." + RATE_LIMITED_AUDIENCE, () -> RATE_LIMITED_TOPIC);
        registry.add("tact.alerting.outbox.topic-rate-per-minute." + RATE_LIMITED_AUDIENCE, () -> "3");
        registry.add("tact.alerting.topics." + MISSING_AUDIENCE, () -> MISSING_TOPIC);
        registry.add("tact.alerting.topics." + REFUSING_AUDIENCE, () -> REFUSING_TOPIC);
    }

    @LocalServerPort
    int port;

    AlertingApi api;

    @BeforeEach
    void connect() throws IOException {
        SNS_PATH.restore();
        api = new AlertingApi("http://127.0.0.1:" + port);
    }
}
