package com.tact.console.queues.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.tact.console.errors.ConsoleException;
import com.tact.console.queues.QueueBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedriverTest {

    /** Two queues in memory: a received message is hidden until released or deleted. */
    static final class FakeBroker implements QueueBroker {
        final Map<String, List<String>> visible = new LinkedHashMap<>(Map.of("dlq", new ArrayList<>(), "src", new ArrayList<>()));
        final Map<String, String> hidden = new LinkedHashMap<>();
        boolean sendFails;
        final List<String> calls = new ArrayList<>();

        @Override
        public Depth depth(String queue) {
            return new Depth(visible.get(queue).size(), 0, 0);
        }

        @Override
        public List<ReceivedMessage> receive(String queue, int max, Duration visibility, Duration wait) {
            var out = new ArrayList<ReceivedMessage>();
            var q = visible.get(queue);
            while (!q.isEmpty() && out.size() < max) {
                String body = q.remove(0);
                hidden.put("rh-" + body, body);
                out.add(new ReceivedMessage("id-" + body, "rh-" + body, body, Instant.EPOCH, 1, null, null, Map.of()));
            }
            return out;
        }

        @Override
        public void release(String queue, List<String> receiptHandles) {
            receiptHandles.forEach(h -> visible.get(queue).add(hidden.remove(h)));
        }

        @Override
        public String send(String queue, OutgoingMessage message) {
            calls.add("send " + message.body());
            if (sendFails) {
                throw ConsoleException.notFound("x", "send refused");
            }
            visible.get(queue).add(message.body());
            return "new";
        }

        @Override
        public void delete(String queue, String receiptHandle) {
            calls.add("delete " + hidden.remove(receiptHandle));
        }

        @Override
        public void purge(String queue) {
        }
    }

    private final FakeBroker broker = new FakeBroker();

    @Test
    void everyMessageIsSentBeforeItIsDeleted() {
        broker.visible.get("dlq").addAll(List.of("a", "b", "c"));
        var result = new Redriver(broker).redrive("dlq", "src", null, 100);
        assertThat(result.moved()).isEqualTo(3);
        assertThat(broker.calls).containsExactly("send a", "delete a", "send b", "delete b", "send c", "delete c");
        assertThat(broker.visible.get("src")).containsExactly("a", "b", "c");
        assertThat(broker.visible.get("dlq")).isEmpty();
        assertThat(new Redriver(broker).redrive("dlq", "src", null, 100).moved()).as("a second call").isZero();
    }

    @Test
    void aFailedSendLeavesTheMessageInTheDlq() {
        broker.visible.get("dlq").addAll(List.of("a", "b"));
        broker.sendFails = true;
        var result = new Redriver(broker).redrive("dlq", "src", null, 100);
        assertThat(result.moved()).isZero();
        assertThat(result.failed()).isEqualTo(2);
        assertThat(broker.calls).noneMatch(c -> c.startsWith("delete"));
        assertThat(broker.visible.get("dlq")).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void onlySelectedMessagesMoveAndTheOthersAreReleased() {
        broker.visible.get("dlq").addAll(List.of("a", "b", "c", "d"));
        var result = new Redriver(broker).redrive("dlq", "src", Set.of("id-b", "id-d", "id-zz"), 100);
        assertThat(result.moved()).isEqualTo(2);
        assertThat(result.notFound()).containsExactly("id-zz");
        assertThat(broker.visible.get("src")).containsExactly("b", "d");
        assertThat(broker.visible.get("dlq")).containsExactlyInAnyOrder("a", "c");
    }

    @Test
    void atMostTheLimitMoves() {
        for (int i = 0; i < 25; i++) {
            broker.visible.get("dlq").add("m" + i);
        }
        assertThat(new Redriver(broker).redrive("dlq", "src", null, 12).moved()).isEqualTo(12);
        assertThat(broker.visible.get("dlq")).hasSize(13);
    }
}
