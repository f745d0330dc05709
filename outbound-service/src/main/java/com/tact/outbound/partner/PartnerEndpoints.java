package com.tact.outbound.partner;

import com.tact.outbound.config.OutboundProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The endpoints and weights in force for a partner: table partner_endpoint (changed through the config API),
 * seeded from configuration when the partner has no row. Read through a short cache, so that a change made
 * on any instance is in force everywhere within {@link #REFRESH}.
 */
@Component
public class PartnerEndpoints {

    static final Duration REFRESH = Duration.ofSeconds(2);

    private final JdbcClient jdbc;
    private final OutboundProperties properties;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    PartnerEndpoints(JdbcClient jdbc, OutboundProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    public List<PartnerEndpoint> current(String partner) {
        long now = System.nanoTime();
        Cached c = cache.get(partner);
        if (c != null && now - c.loadedAt() < REFRESH.toNanos()) {
            return c.endpoints();
        }
        List<PartnerEndpoint> loaded = load(partner);
        cache.put(partner, new Cached(loaded, now));
        return loaded;
    }

    /** Forgets the cached set (this instance changed it). */
    void evict(String partner) {
        cache.remove(partner);
    }

    List<PartnerEndpoint> load(String partner) {
        List<PartnerEndpoint> rows = jdbc.sql("select label, url, weight from partner_endpoint where partner = ? order by label")
                .param(partner)
                .query((rs, i) -> new PartnerEndpoint(rs.getString("label"), rs.getString("url"), rs.getInt("weight")))
                .list();
        if (!rows.isEmpty()) {
            return rows;
        }
        return properties.partner(partner)
                .map(p -> p.endpoints().stream().map(e -> new PartnerEndpoint(e.label(), e.url(), e.weight())).toList())
                .orElse(List.of());
    }

    private record Cached(List<PartnerEndpoint> endpoints, long loadedAt) {
    }
}
