package com.tact.outbound.publishing;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes outbound-service's own events into the shared outbox. Call it inside the transaction of the change the
 * event announces, so that both commit or neither does; the relay publishes them like everyone else's.
 */
@Component
public class OutboxWriter {

    public static final String SOURCE = "tact.outbound";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    OutboxWriter(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void write(String eventType, String aggregateType, String aggregateId, Object payload) {
        jdbc.sql("insert into outbox_event (source, event_type, aggregate_type, aggregate_id, payload) values (?, ?, ?, ?, ?::jsonb)")
                .params(SOURCE, eventType, aggregateType, aggregateId, json.writeValueAsString(payload)).update();
    }
}
