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

    /**
     * No more attempts will be made on this version (the queue's last receive): it becomes REJECTED with the
     * reason and a FileRejected event, unless somebody is working on it right now. A later notification for
     * the same version may still claim it again.
     *
     * @return whether it was given up (false: finished meanwhile, or claimed by a live attempt)
     */
    boolean giveUp(long fileId, String reason);
}
