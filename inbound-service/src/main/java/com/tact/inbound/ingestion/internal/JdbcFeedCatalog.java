package com.tact.inbound.ingestion.internal;

import com.tact.inbound.ingestion.FeedCatalog;
import com.tact.inbound.ingestion.FeedDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Feed definitions and source weights from Postgres, re-read at most every few seconds so that a changed
 * definition or weight reaches every instance without a restart. The snapshot is small and bounded (one
 * entry per feed). A definition that does not pass {@link FeedDefinition#problems()} is left out and logged.
 */
@Component
class JdbcFeedCatalog implements FeedCatalog {

    private static final Logger log = LoggerFactory.getLogger(JdbcFeedCatalog.class);
    private static final Duration REFRESH = Duration.ofSeconds(5);
    private static final JsonMapper SPEC_MAPPER = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private record Snapshot(Instant readAt, Map<String, FeedDefinition> feeds, Map<String, Map<String, Integer>> weights) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Snapshot snapshot;

    JdbcFeedCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    @Override
    public List<FeedDefinition> feeds() {
        return List.copyOf(current().feeds().values());
    }

    @Override
    public Optional<FeedDefinition> feed(String name) {
        return Optional.ofNullable(current().feeds().get(name));
    }

    @Override
    public Map<String, Integer> sourceWeights(String feed) {
        return current().weights().getOrDefault(feed, Map.of());
    }

    private Snapshot current() {
        var s = snapshot;
        if (s == null || s.readAt().plus(REFRESH).isBefore(clock.instant())) {
            s = load();
            snapshot = s;
        }
        return s;
    }

    private Snapshot load() {
        var feeds = new LinkedHashMap<String, FeedDefinition>();
        jdbc.sql("select name, s3_prefix, spec::text as spec from feed_definition order by name").query((rs, n) -> {
            var name = rs.getString("name");
            try {
                var spec = (ObjectNode) SPEC_MAPPER.readTree(rs.getString("spec"));
                spec.put("name", name);
                spec.put("s3Prefix", rs.getString("s3_prefix"));
                var feed = SPEC_MAPPER.treeToValue(spec, FeedDefinition.class);
                var problems = new java.util.ArrayList<>(feed.problems());
                if (problems.isEmpty() && feed.recordFeed()) {
                    try {
                        RecordFeed.of(feed);
                    } catch (RuntimeException e) {
                        problems.add("records: " + e.getMessage());
                    }
                }
                if (problems.isEmpty()) {
                    feeds.put(name, feed);
                } else {
                    log.error("feed definition {} is unusable and ignored: {}", name, problems);
                }
            } catch (RuntimeException e) {
                log.error("feed definition {} cannot be read and is ignored: {}", name, e.getMessage());
            }
            return name;
        }).list();
        var weights = jdbc.sql("select feed, source, weight from source_weight")
                .query((rs, n) -> Map.entry(rs.getString("feed"), Map.entry(rs.getString("source"), rs.getInt("weight"))))
                .list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.toMap(e -> e.getValue().getKey(), e -> e.getValue().getValue())));
        return new Snapshot(clock.instant(), Map.copyOf(feeds), Map.copyOf(weights));
    }
}
