package com.tact.inbound.ingestion.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tact.inbound.config.InboundProperties;
import com.tact.inbound.ingestion.IngestionResult;
import com.tact.inbound.ingestion.IngestionService;
import com.tact.inbound.ingestion.ObjectRef;
import com.tact.inbound.ingestion.RetryableIngestionException;
import io.awspring.cloud.sqs.listener.Visibility;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** What the listener does with a file that keeps failing, by receive count; the ingestion itself is faked. */
class S3ObjectCreatedListenerTest {

    private static final String EVENT = """
            {"Records":[{"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"inbound"},"object":{"key":"incoming/a.csv","eTag":"e"}}},
                        {"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"elsewhere"},"object":{"key":"incoming/b.csv","eTag":"e"}}}]}""";

    private final List<String> calls = new ArrayList<>();
    private final List<Integer> visibility = new ArrayList<>();
    private final Visibility fakeVisibility = seconds -> {
        visibility.add(seconds);
        return CompletableFuture.completedFuture(null);
    };
    /** Always fails as retryable for file 7; gives up when asked, unless {@code busy}. */
    private boolean busy;
    private final IngestionService failing = new IngestionService() {
        @Override
        public IngestionResult ingest(ObjectRef ref, Trigger trigger, Runnable keepAlive) {
            calls.add("ingest " + ref.bucket() + "/" + ref.key());
            throw new RetryableIngestionException("attempt failed: S3 read timed out", null, 7L);
        }

        @Override
        public boolean giveUp(long fileId, String reason) {
            calls.add("giveUp " + fileId + ": " + reason);
            return !busy;
        }
    };

    private final S3ObjectCreatedListener listener = new S3ObjectCreatedListener(failing, properties(), JsonMapper.builder().build());

    private static InboundProperties properties() {
        return new InboundProperties("inbound", "q", DataSize.ofGigabytes(1),
                new InboundProperties.Claim(Duration.ofMinutes(2), Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofSeconds(30), 3, 5),
                100, "merged/", new InboundProperties.Limits(1000, 10000, DataSize.ofMegabytes(1), 10, DataSize.ofGigabytes(1)),
                new InboundProperties.Push(2, Duration.ofSeconds(30)), true);
    }

    @Test
    void beforeTheLastReceiveAFailingFileIsLeftForRedeliveryWithABackoffAndOtherBucketsAreIgnored() {
        assertThatThrownBy(() -> listener.onMessage(EVENT, fakeVisibility, "2", "m1")).isInstanceOf(RetryableIngestionException.class);
        assertThat(calls).containsExactly("ingest inbound/incoming/a.csv");
        assertThat(visibility).containsExactly(60);
    }

    @Test
    void onTheLastReceiveAFailingFileIsGivenUpWithItsReasonAndTheMessageAcknowledged() {
        listener.onMessage(EVENT, fakeVisibility, "5", "m1");
        assertThat(calls).containsExactly("ingest inbound/incoming/a.csv",
                "giveUp 7: given up on the queue's last receive (5): attempt failed: S3 read timed out");
        assertThat(visibility).isEmpty();
    }

    @Test
    void aFileSomebodyIsStillWorkingOnIsNotGivenUpButLeftToTheQueue() {
        busy = true;
        assertThatThrownBy(() -> listener.onMessage(EVENT, fakeVisibility, "5", "m1")).isInstanceOf(RetryableIngestionException.class);
        assertThat(calls).hasSize(2);
        assertThat(visibility).containsExactly(150);
    }
}
