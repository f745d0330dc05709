package com.tact.outbound.partner;

import com.tact.outbound.config.OutboundProperties;
import com.tact.outbound.publishing.OutboxWriter;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Operator changes to a partner's outbound flow. Each change, its audit row (who, when, old, new) and the
 * outbox event announcing it commit in one transaction.
 */
@Service
public class PartnerConfigService {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final OutboundProperties properties;
    private final PartnerEndpoints endpoints;
    private final UrlGuard urlGuard;
    private final OutboxWriter outbox;

    PartnerConfigService(JdbcClient jdbc, JsonMapper json, OutboundProperties properties, PartnerEndpoints endpoints,
                         UrlGuard urlGuard, OutboxWriter outbox) {
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
        this.endpoints = endpoints;
        this.urlGuard = urlGuard;
    }

    public record SwitchState(String partner, String bucketId, boolean enabled, String reason, String updatedBy, Instant updatedAt) {
    }

    public record AuditEntry(long id, String partner, String subject, String bucketId, String oldValue, String newValue,
                             String changedBy, Instant changedAt) {
    }

    public OutboundProperties.Partner partner(String name) {
        return properties.partner(name).orElseThrow(() -> new NotFoundException("unknown partner: " + name));
    }

    @Transactional
    public SwitchState setSwitch(String partner, String bucketId, boolean enabled, String reason, String who) {
        partner(partner);
        Boolean bucketExists = jdbc.sql("select exists (select 1 from bucket where bucket_id = ?)").param(bucketId)
                .query(Boolean.class).single();
        if (!bucketExists) {
            throw new NotFoundException("unknown bucket: " + bucketId);
        }
        // lock the pair so that two concurrent changes audit a consistent old value
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param(partner + "|" + bucketId).query(Object.class).single();
        Boolean old = jdbc.sql("select enabled from partner_switch where partner = ? and bucket_id = ?").params(partner, bucketId)
                .query(Boolean.class).optional().orElse(null);
        jdbc.sql("""
                        insert into partner_switch (partner, bucket_id, enabled, reason, updated_by) values (?, ?, ?, ?, ?)
                        on conflict (partner, bucket_id) do update set enabled = excluded.enabled, reason = excluded.reason,
                               updated_by = excluded.updated_by, updated_at = now()""")
                .params(partner, bucketId, enabled, reason, who).update();
        audit(partner, "SWITCH", bucketId, old == null ? null : Map.of("enabled", old), Map.of("enabled", enabled), who);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("bucketId", bucketId);
        payload.put("partner", partner);
        payload.put("enabled", enabled);
        payload.put("changedBy", who);
        outbox.write("PartnerSwitchChanged", "bucket", bucketId, payload);
        return getSwitch(partner, bucketId);
    }

    public SwitchState getSwitch(String partner, String bucketId) {
        partner(partner);
        return jdbc.sql("select * from partner_switch where partner = ? and bucket_id = ?").params(partner, bucketId)
                .query((rs, i) -> new SwitchState(partner, bucketId, rs.getBoolean("enabled"), rs.getString("reason"),
                        rs.getString("updated_by"), rs.getTimestamp("updated_at").toInstant()))
                .optional()
                .orElse(new SwitchState(partner, bucketId, true, null, null, null));
    }

    public List<SwitchState> disabled(String partner) {
        partner(partner);
        return jdbc.sql("select * from partner_switch where partner = ? and not enabled order by bucket_id limit 1000").param(partner)
                .query((rs, i) -> new SwitchState(partner, rs.getString("bucket_id"), false, rs.getString("reason"),
                        rs.getString("updated_by"), rs.getTimestamp("updated_at").toInstant()))
                .list();
    }

    public List<PartnerEndpoint> endpoints(String partner) {
        partner(partner);
        return endpoints.load(partner);
    }

    /**
     * Replaces a partner's endpoints. Each URL's host must be on the partner's allow-list and pass the SSRF guard.
     * The change, its audit row and the {@code PartnerEndpointsChanged} event (an alert: where data goes changed)
     * commit together.
     */
    @Transactional
    public List<PartnerEndpoint> replaceEndpoints(String partner, List<PartnerEndpoint> requested, String who) {
        OutboundProperties.Partner config = partner(partner);
        validate(config, requested);
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param(partner + "|endpoints").query(Object.class).single();
        List<PartnerEndpoint> old = endpoints.load(partner);
        jdbc.sql("delete from partner_endpoint where partner = ?").param(partner).update();
        for (PartnerEndpoint e : requested) {
            jdbc.sql("insert into partner_endpoint (partner, label, url, weight, updated_by) values (?, ?, ?, ?, ?)")
                    .params(partner, e.label(), e.url(), e.weight(), who).update();
        }
        audit(partner, "ENDPOINTS", null, old, requested, who);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("partner", partner);
        payload.put("changedBy", who);
        payload.put("oldEndpoints", old);
        payload.put("newEndpoints", requested);
        outbox.write("PartnerEndpointsChanged", "partner", partner, payload);
        endpoints.evict(partner);
        return endpoints.load(partner);
    }

    public List<AuditEntry> audit(String partner, int limit) {
        partner(partner);
        return jdbc.sql("select id, partner, subject, bucket_id, old_value::text as o, new_value::text as n, changed_by, changed_at "
                        + "from partner_config_audit where partner = ? order by id desc limit ?")
                .params(partner, limit)
                .query((rs, i) -> new AuditEntry(rs.getLong("id"), rs.getString("partner"), rs.getString("subject"),
                        rs.getString("bucket_id"), rs.getString("o"), rs.getString("n"), rs.getString("changed_by"),
                        rs.getTimestamp("changed_at").toInstant()))
                .list();
    }

    private void validate(OutboundProperties.Partner partner, List<PartnerEndpoint> requested) {
        var allowedHosts = new AllowedHosts(partner.allowedHostsOrEmpty());
        if (requested == null || requested.isEmpty()) {
            throw new InvalidConfigException("at least one endpoint is required");
        }
        if (requested.size() > 20) {
            throw new InvalidConfigException("at most 20 endpoints per partner");
        }
        Set<String> labels = new HashSet<>();
        int total = 0;
        for (int i = 0; i < requested.size(); i++) {
            PartnerEndpoint e = requested.get(i);
            if (e.label() == null || !e.label().matches("^[a-z0-9][a-z0-9-]{0,31}$")) {
                throw new InvalidConfigException("label must match [a-z0-9][a-z0-9-]{0,31}: " + e.label(), "[" + i + "].label");
            }
            if (!labels.add(e.label())) {
                throw new InvalidConfigException("duplicate label: " + e.label(), "[" + i + "].label");
            }
            if (e.weight() < 0 || e.weight() > 1000) {
                throw new InvalidConfigException("weight must be between 0 and 1000: " + e.label() + "=" + e.weight(), "[" + i + "].weight");
            }
            total += e.weight();
            try {
                String host = urlGuard.checkSyntax(e.url()).getHost();
                if (!allowedHosts.allows(host)) {
                    throw new InvalidConfigException("endpoint " + e.label() + ": host " + host + " is not on the allowed hosts of "
                            + partner.name() + " " + allowedHosts + " (tact.outbound.partners[].allowed-hosts)", "[" + i + "].url");
                }
                urlGuard.check(e.url());
            } catch (UrlGuard.RefusedUrlException refused) {
                throw new InvalidConfigException("endpoint " + e.label() + ": " + refused.getMessage(), "[" + i + "].url");
            }
        }
        if (total == 0) {
            throw new InvalidConfigException("the weights must not all be 0");
        }
    }

    private void audit(String partner, String subject, String bucketId, Object old, Object now, String who) {
        jdbc.sql("insert into partner_config_audit (partner, subject, bucket_id, old_value, new_value, changed_by) "
                        + "values (?, ?, ?, ?::jsonb, ?::jsonb, ?)")
                .params(partner, subject, bucketId, old == null ? null : json.writeValueAsString(old), json.writeValueAsString(now), who)
                .update();
    }

    public static class NotFoundException extends RuntimeException {
        public NotFoundException(String message) {
            super(message);
        }
    }

    /** A refused configuration; {@code field} locates the offending value in the request body when there is one. */
    public static class InvalidConfigException extends RuntimeException {

        private final String field;

        public InvalidConfigException(String message) {
            this(message, null);
        }

        public InvalidConfigException(String message, String field) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
