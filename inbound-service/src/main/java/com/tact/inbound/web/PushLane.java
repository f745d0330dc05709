package com.tact.inbound.web;

import com.tact.inbound.config.InboundProperties;
import io.micrometer.context.ContextSnapshotFactory;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Push ingestions run here, a few at a time: request threads are virtual and unbounded, and each ingestion
 * holds a database connection for the whole file, so without a bound a burst of pushes would take the
 * connections that heartbeats, error reports and releases of the queue's ingestions need. When every lane is
 * busy the request is refused at once ({@link Full}: 503 with Retry-After), not queued.
 */
@Component
class PushLane implements DisposableBean {

    /** Every lane is busy; try again after {@link #retryAfter()}. */
    static final class Full extends RuntimeException {
        private final Duration retryAfter;

        Full(int lanes, Duration retryAfter) {
            super(lanes + " push ingestions are already running on this instance; try again later");
            this.retryAfter = retryAfter;
        }

        Duration retryAfter() {
            return retryAfter;
        }
    }

    private final ThreadPoolExecutor executor;
    private final InboundProperties.Push settings;

    PushLane(InboundProperties properties) {
        this.settings = properties.push();
        this.executor = new ThreadPoolExecutor(settings.concurrency(), settings.concurrency(), 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), Thread.ofPlatform().name("push-ingest-", 0).daemon().factory(),
                new ThreadPoolExecutor.AbortPolicy());
    }

    /** Runs the work on a free lane and waits for it; refuses with {@link Full} when none is free. */
    <T> T run(Callable<T> work) {
        var context = ContextSnapshotFactory.builder().build().captureAll();
        Future<T> future;
        try {
            future = executor.submit(context.wrap(work));
        } catch (RejectedExecutionException e) {
            throw new Full(settings.concurrency(), settings.retryAfter());
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the push ingestion", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("push ingestion failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(15, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }
}
