package com.tact.inbound.ingestion;

/**
 * Ingests one object version exactly once: parse as a stream, validate every row against the feed, and
 * apply the good rows in one transaction, or reject the file and apply nothing.
 */
public interface IngestionService {

    enum Trigger { EVENT, PUSH }

    /**
     * @param keepAlive called on every heartbeat while the file is being worked on (extends the SQS
     *                  message's visibility for event-triggered ingestion)
     * @throws RetryableIngestionException when trying again later may succeed
     * @throws ObjectSource.ObjectMissingException for a push request naming an object that does not exist
     */
    IngestionResult ingest(ObjectRef ref, Trigger trigger, Runnable keepAlive);
}
