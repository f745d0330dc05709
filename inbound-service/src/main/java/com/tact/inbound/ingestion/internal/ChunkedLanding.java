package com.tact.inbound.ingestion.internal;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;

/**
 * Lands a file chunk by chunk on a thread of its own, inside the caller's transaction, while the caller
 * reads and validates the next chunk: on two cores, parsing and the database work overlap instead of
 * following each other. Each chunk (about {@link #CHUNK_BYTES} of COPY text) is sorted by the landing key on
 * the caller's thread ({@link SortedChunk}), copied into the staging table, landed, and the staging table
 * emptied. At most three chunks exist at once (one being filled, one queued, one being landed), so memory
 * stays bounded whatever the file's size.
 *
 * <p>With a parent column (a bucket for its allocations), each chunk says whether it holds a parent key this
 * file has not had before: only then must the lander ensure the parent rows. The keys seen are remembered up to
 * {@link #PARENT_KEY_CHARS} characters in all; past that, every chunk is taken to hold new ones.
 *
 * <p>Nothing is committed here: the caller commits or rolls back the whole file.
 */
final class ChunkedLanding implements AutoCloseable {

    static final int CHUNK_BYTES = 4 << 20;

    static final int PARENT_KEY_CHARS = 1 << 20;

    /** Lands what is in the staging table; returns the rows it wrote. */
    interface Lander {
        /** @param newParents whether the chunk may hold a parent key that this file's earlier chunks did not */
        long land(boolean newParents) throws SQLException;
    }

    private record Chunk(byte[] bytes, boolean newParents, boolean last) {
    }

    private static final Chunk END = new Chunk(new byte[0], false, true);

    private final Connection connection;
    private final String copySql;
    private final String emptyStage;
    private final Lander lander;
    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(1);
    private final int[] sortColumns;
    private final int parentColumn;
    private final Set<String> parentKeys = new HashSet<>();
    private long parentKeyChars;
    private boolean newParents;
    private final Thread worker;
    private SortedChunk filling;
    private volatile Throwable failure;
    private volatile boolean aborted;
    private long written;
    private boolean finished;

    /** Lands chunks in file order, without parents. */
    ChunkedLanding(Connection connection, String copySql, String emptyStage, Lander lander) {
        this(connection, copySql, emptyStage, new int[0], -1, lander);
    }

    /**
     * @param sortColumns  indexes into a row's values: each chunk is landed sorted by them
     * @param parentColumn index of the parent key in a row's values, or -1
     */
    ChunkedLanding(Connection connection, String copySql, String emptyStage, int[] sortColumns, int parentColumn, Lander lander) {
        this.connection = connection;
        this.sortColumns = sortColumns.clone();
        this.parentColumn = parentColumn;
        this.filling = newChunk();
        this.copySql = copySql;
        this.emptyStage = emptyStage;
        this.lander = lander;
        this.worker = Thread.ofPlatform().name("ingest-lander").daemon().start(this::run);
    }

    /** Adds one row (the line, then the values in feed order); hands a full chunk to the lander. */
    void write(long lineNumber, String[] values) {
        filling.add(lineNumber, values);
        // every row's key is looked at (not only until the chunk has a new one), or a later chunk would ask again
        if (parentColumn >= 0 && isNewParent(values[parentColumn])) {
            newParents = true;
        }
        if (filling.bytes() >= CHUNK_BYTES) {
            handFilling();
            filling = newChunk();
        }
    }

    private boolean isNewParent(String key) {
        if (key == null || parentKeys.contains(key)) {
            return false;
        }
        if (parentKeyChars + key.length() > PARENT_KEY_CHARS) {
            return true;
        }
        parentKeyChars += key.length();
        parentKeys.add(key);
        return true;
    }

    private void handFilling() {
        var sorted = filling.sorted();
        filling = null;
        hand(new Chunk(sorted, parentColumn >= 0 && newParents, false));
        newParents = false;
    }

    private SortedChunk newChunk() {
        return new SortedChunk(sortColumns, CHUNK_BYTES + 4096);
    }

    /** Hands over the last chunk and waits until everything is landed. */
    long finish() throws SQLException {
        if (filling.rows() > 0) {
            handFilling();
        }
        hand(END);
        join();
        finished = true;
        rethrow();
        return written;
    }

    private void run() {
        try {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            while (true) {
                var chunk = queue.take();
                if (chunk.last() || aborted) {
                    return;
                }
                copy.copyIn(copySql, new ByteArrayInputStream(chunk.bytes()));
                written += lander.land(chunk.newParents());
                try (var st = connection.createStatement()) {
                    st.execute(emptyStage);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            // anything, an OutOfMemoryError included: the caller must not commit a file with a chunk missing
            failure = e;
        }
    }

    private void hand(Chunk chunk) {
        try {
            while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                if (failure != null || !worker.isAlive()) {
                    rethrowUnchecked();
                    throw new IllegalStateException("the landing thread stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing a chunk to the landing thread", e);
        }
    }

    private void join() {
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the landing thread", e);
        }
    }

    private void rethrow() throws SQLException {
        if (failure instanceof SQLException e) {
            throw e;
        }
        rethrowUnchecked();
    }

    private void rethrowUnchecked() {
        if (failure instanceof SQLException e) {
            throw new LandingFailedException(e);
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException("landing failed", failure);
        }
    }

    /** Stops the lander (the caller rolls back); waits for it so the connection is free again. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        aborted = true;
        queue.clear();
        queue.offer(END);
        join();
    }

    /** A database failure of the landing thread, surfaced on the caller's thread. */
    static final class LandingFailedException extends RuntimeException {
        LandingFailedException(SQLException cause) {
            super(cause.getMessage(), cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
