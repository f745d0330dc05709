package com.tact.outbound.partner;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether a partner receives a bucket's events. Read from Postgres for every message (a primary-key lookup),
 * so that a switch is in force on every instance as soon as it commits.
 */
@Component
public class PartnerSwitches {

    private final JdbcClient jdbc;

    PartnerSwitches(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean enabled(String partner, String bucketId) {
        if (bucketId == null) {
            return true;
        }
        return jdbc.sql("select enabled from partner_switch where partner = ? and bucket_id = ?")
                .params(partner, bucketId).query(Boolean.class).optional().orElse(true);
    }
}
