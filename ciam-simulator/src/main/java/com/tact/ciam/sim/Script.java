package com.tact.ciam.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/** The scripted steps of the IdP endpoints and which one is playing; {@link Step#OK} when nothing is scripted. */
public final class Script {

    private final InstantSource clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Step> pending = new ArrayDeque<>();
    private Step current;
    private int currentUsed;
    private Instant currentStartedAt;

    public Script(InstantSource clock) {
        this.clock = clock;
    }

    /** Replaces the script: the first step starts with the next call. */
    public void replace(List<Step> steps) {
        lock.lock();
        try {
            pending.clear();
            pending.addAll(steps);
            current = null;
        } finally {
            lock.unlock();
        }
    }

    /** The behaviour for the next call of an IdP endpoint; the call counts towards the step's {@code times}. */
    public Step next() {
        lock.lock();
        try {
            Instant now = clock.instant();
            while (current == null || exhausted(now)) {
                current = pending.poll();
                if (current == null) {
                    return Step.OK;
                }
                currentUsed = 0;
                currentStartedAt = now;
            }
            currentUsed++;
            return current;
        } finally {
            lock.unlock();
        }
    }

    public ScriptState state() {
        lock.lock();
        try {
            boolean playing = current != null && !exhausted(clock.instant());
            return new ScriptState(playing ? current : null, playing ? currentUsed : 0,
                    playing ? Duration.between(currentStartedAt, clock.instant()).toMillis() : 0,
                    List.copyOf(pending));
        } finally {
            lock.unlock();
        }
    }

    private boolean exhausted(Instant now) {
        return (current.times() != null && currentUsed >= current.times())
                || (current.forMillis() != null && Duration.between(currentStartedAt, now).toMillis() >= current.forMillis());
    }

    /**
     * @param current   the step playing, null when none has started or the last one ended
     * @param used      how many calls it has answered
     * @param runningMs how long since its first call
     * @param pending   the steps after it
     */
    public record ScriptState(Step current, int used, long runningMs, List<Step> pending) {
    }
}
