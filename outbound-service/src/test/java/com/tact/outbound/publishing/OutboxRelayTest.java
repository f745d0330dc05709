package com.tact.outbound.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.tact.outbound.config.OutboundProperties;
import com.tact.outbound.publishing.internal.OutboxRepository;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

class OutboxRelayTest {

    private final OutboxRepository outbox = mock(OutboxRepository.class);
    private final List<List<UUID>> calls = new ArrayList<>();
    private final Map<UUID, Integer> failuresLeft = new HashMap<>();
    private final java.util.Set<UUID> tooLarge = new java.util.HashSet<>();
    private final OutboxWriter writer = mock(OutboxWriter.class);

    private final EventPublisher publisher = events -> {
        calls.add(events.stream().map(PendingEvent::id).toList());
        Map<UUID, EventPublisher.Refusal> failed = new HashMap<>();
        for (PendingEvent e : events) {
            if (tooLarge.contains(e.id())) {
                failed.put(e.id(), EventPublisher.Refusal.permanent("entry of 300000 bytes exceeds the PutEvents limit"));
            } else if (failuresLeft.merge(e.id(), -1, Integer::sum) >= 0) {
                failed.put(e.id(), EventPublisher.Refusal.retryable("ThrottlingException: rate exceeded"));
            }
        }
        return failed;
    };

    private OutboxRelay relay() {
        TransactionTemplate tx = new TransactionTemplate() {
            @Override
            public <T> T execute(TransactionCallback<T> action) {
                return action.doInTransaction(new SimpleTransactionStatus());
            }
        };
        var relay = new OutboundProperties.Relay(true, 10, Duration.ofMillis(100), 50, 2, 3);
        return new OutboxRelay(outbox, publisher, tx, new OutboundProperties("bus", Duration.ofSeconds(1), relay, null, List.of()),
                new SimpleMeterRegistry(), writer);
    }

    private static List<PendingEvent> events(int n) {
        return IntStream.range(0, n).mapToObj(i -> new PendingEvent(UUID.randomUUID(), i, "tact.inbound", "AllocationsChanged", 1,
                "bucket", "B" + i, "{}", null, Instant.now())).toList();
    }

    @Test
    void onlyTheFailedEntriesAreRetriedAndTheRestAreMarkedPublished() {
        List<PendingEvent> batch = events(10);
        failuresLeft.put(batch.get(3).id(), 1);    // fails once, then goes through
        failuresLeft.put(batch.get(7).id(), 5);    // keeps failing: stays pending for the next poll
        when(outbox.tryRelayLock()).thenReturn(true);
        when(outbox.lockPending(anyInt())).thenReturn(batch, List.of());

        relay().drain();

        assertThat(calls.get(0)).hasSize(10);
        assertThat(calls.get(1)).containsExactlyInAnyOrder(batch.get(3).id(), batch.get(7).id());
        assertThat(calls.get(2)).containsExactly(batch.get(7).id());
        ArgumentCaptor<List<UUID>> published = ArgumentCaptor.captor();
        verify(outbox).markPublished(published.capture());
        assertThat(published.getValue()).hasSize(9).doesNotContain(batch.get(7).id());
        verify(outbox).markRefused(org.mockito.ArgumentMatchers.eq(batch.get(7).id()), org.mockito.ArgumentMatchers.contains("Throttling"),
                org.mockito.ArgumentMatchers.eq(false), org.mockito.ArgumentMatchers.eq(3));
        verify(outbox).markRefused(any(), any(), org.mockito.ArgumentMatchers.anyBoolean(), anyInt());
    }

    @Test
    void anEntryThatCanNeverBeAcceptedIsParkedAtOnceWithoutRetriesAndAnnounced() {
        List<PendingEvent> batch = events(3);
        tooLarge.add(batch.get(1).id());
        when(outbox.tryRelayLock()).thenReturn(true);
        when(outbox.lockPending(anyInt())).thenReturn(batch, List.of());
        when(outbox.markRefused(any(), any(), org.mockito.ArgumentMatchers.anyBoolean(), anyInt())).thenReturn(1);

        relay().drain();

        assertThat(calls).hasSize(1);   // not retried in the batch
        verify(outbox).markRefused(org.mockito.ArgumentMatchers.eq(batch.get(1).id()), org.mockito.ArgumentMatchers.contains("exceeds"),
                org.mockito.ArgumentMatchers.eq(true), org.mockito.ArgumentMatchers.eq(3));
        ArgumentCaptor<Map<String, Object>> payload = ArgumentCaptor.captor();
        verify(writer).write(org.mockito.ArgumentMatchers.eq("OutboxEventParked"), org.mockito.ArgumentMatchers.eq("outbox"),
                org.mockito.ArgumentMatchers.eq(batch.get(1).id().toString()), payload.capture());
        assertThat(payload.getValue()).containsEntry("outboxEventId", batch.get(1).id().toString())
                .containsEntry("refusals", 1).containsEntry("eventType", "AllocationsChanged.v1");
        assertThat(payload.getValue().get("reason").toString()).contains("exceeds");
    }

    @Test
    void aWholeCallFailureCountsNoRefusal() {
        List<PendingEvent> batch = events(2);
        when(outbox.tryRelayLock()).thenReturn(true);
        when(outbox.lockPending(anyInt())).thenReturn(batch, List.of());
        EventPublisher down = events -> {
            throw new IllegalStateException("bus unreachable");
        };
        var relayConfig = new OutboundProperties.Relay(true, 10, Duration.ofMillis(100), 50, 2, 1);
        var relay = new OutboxRelay(outbox, down, new TransactionTemplate() {
            @Override
            public <T> T execute(TransactionCallback<T> action) {
                return action.doInTransaction(new SimpleTransactionStatus());
            }
        }, new OutboundProperties("bus", Duration.ofSeconds(1), relayConfig, null, List.of()), new SimpleMeterRegistry(), writer);

        relay.drain();

        ArgumentCaptor<Map<UUID, String>> failed = ArgumentCaptor.captor();
        verify(outbox).markFailed(failed.capture());
        assertThat(failed.getValue()).containsOnlyKeys(batch.get(0).id(), batch.get(1).id());
        verify(outbox, org.mockito.Mockito.never()).markRefused(any(), any(), org.mockito.ArgumentMatchers.anyBoolean(), anyInt());
    }

    @Test
    void aBacklogIsPublishedInCallsOfTen() {
        List<PendingEvent> all = events(95);
        when(outbox.tryRelayLock()).thenReturn(true);
        when(outbox.lockPending(anyInt())).thenReturn(all.subList(0, 10), all.subList(10, 20), all.subList(20, 30),
                all.subList(30, 40), all.subList(40, 50), all.subList(50, 60), all.subList(60, 70), all.subList(70, 80),
                all.subList(80, 90), all.subList(90, 95), List.of());

        assertThat(relay().drain()).isEqualTo(95);
        assertThat(calls).hasSize(10);   // ceil(95 / 10)
    }

    @Test
    void anotherInstanceHoldingTheRelayLockMeansThisOneSkips() {
        when(outbox.tryRelayLock()).thenReturn(false);
        assertThat(relay().drain()).isZero();
        assertThat(calls).isEmpty();
        verify(outbox, org.mockito.Mockito.never()).lockPending(anyInt());
        verify(outbox, org.mockito.Mockito.never()).markPublished(any());
    }
}
