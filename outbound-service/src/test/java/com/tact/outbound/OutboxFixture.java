package com.tact.outbound;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Writes what inbound-service writes in its ingestion transaction: the bucket change and its outbox row. */
class OutboxFixture {

    private final JdbcClient jdbc;

    OutboxFixture(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String newBucket() {
        return "IT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    void bucket(String bucketId) {
        jdbc.sql("insert into bucket (bucket_id) values (?) on conflict do nothing").param(bucketId).update();
    }

    UUID allocationsChanged(String bucketId) {
        return event("AllocationsChanged", bucketId);
    }

    UUID event(String type, String bucketId) {
        bucket(bucketId);
        return jdbc.sql("""
                        insert into outbox_event (source, event_type, event_version, aggregate_type, aggregate_id, payload, traceparent)
                        values ('tact.inbound', ?, 1, 'bucket', ?, jsonb_build_object('bucketId', ?::text, 'feed', 'allocations',
                                'fileId', 1, 'changedKeys', 3), '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01')
                        returning id""")
                .params(type, bucketId, bucketId).query(UUID.class).single();
    }

    List<UUID> events(String type, int count) {
        return IntStream.range(0, count).mapToObj(i -> event(type, newBucket())).toList();
    }

    boolean published(UUID id) {
        return jdbc.sql("select published_at is not null from outbox_event where id = ?").param(id).query(Boolean.class).single();
    }

    int attempts(UUID id) {
        return jdbc.sql("select attempts from outbox_event where id = ?").param(id).query(Integer.class).single();
    }

    String deliveryStatus(String partner, UUID id) {
        return jdbc.sql("select status from delivery where partner = ? and event_id = ?").params(partner, id)
                .query(String.class).optional().orElse(null);
    }

    String deliveryError(String partner, UUID id) {
        return jdbc.sql("select last_error from delivery where partner = ? and event_id = ?").params(partner, id)
                .query(String.class).optional().orElse(null);
    }

    List<String> attemptOutcomes(String partner, UUID id) {
        return jdbc.sql("select outcome || coalesce(':' || status_code, '') from delivery_attempt where partner = ? and event_id = ? order by id")
                .params(partner, id).query(String.class).list();
    }

    long deliveredCount(String partner, List<UUID> ids) {
        return jdbc.sql("select count(*) from delivery where partner = ? and event_id = any(?) and status = 'DELIVERED'")
                .params(partner, ids.toArray(UUID[]::new)).query(Long.class).single();
    }
}
