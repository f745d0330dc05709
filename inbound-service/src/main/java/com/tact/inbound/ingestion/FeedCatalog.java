package com.tact.inbound.ingestion;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The feeds declared in the database and their source weights. */
public interface FeedCatalog {

    List<FeedDefinition> feeds();

    Optional<FeedDefinition> feed(String name);

    /** The feed whose S3 prefix is the longest one the key starts with. */
    default Optional<FeedDefinition> feedForKey(String key) {
        return feeds().stream()
                .filter(f -> key.startsWith(f.s3Prefix()))
                .max(Comparator.comparingInt(f -> f.s3Prefix().length()));
    }

    /** source -> weight for the feed; a source missing here is not accepted. */
    Map<String, Integer> sourceWeights(String feed);
}
