package com.tact.inbound.ingestion.internal;

import com.tact.inbound.copybook.FieldCodec;
import com.tact.inbound.copybook.RecordInput;
import com.tact.inbound.ingestion.FeedCatalog;
import com.tact.inbound.ingestion.FileRecords;
import com.tact.inbound.ingestion.ObjectMetadata;
import com.tact.inbound.ingestion.ObjectSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads a page of an ingested record file from S3 (the version the ledger names) and decodes it field by field. */
@Service
class DefaultFileRecords implements FileRecords {

    private final JdbcClient jdbc;
    private final FeedCatalog catalog;
    private final ObjectSource objects;

    DefaultFileRecords(JdbcClient jdbc, FeedCatalog catalog, ObjectSource objects) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.objects = objects;
    }

    @Override
    public RecordPage read(long fileId, long offset, int limit) {
        var file = jdbc.sql("select bucket, object_key, version_id, etag, feed, size_bytes, last_modified from ingestion_file where id = ?")
                .param(fileId)
                .query((rs, n) -> new Object[] {new ObjectMetadata(rs.getString("bucket"), rs.getString("object_key"), rs.getString("version_id"),
                        rs.getString("etag"), rs.getLong("size_bytes"), instant(rs.getTimestamp("last_modified"))), rs.getString("feed")})
                .optional().orElseThrow(() -> new NoSuchElementException("no ingested file " + fileId));
        var object = (ObjectMetadata) file[0];
        var feedName = (String) file[1];
        var feed = feedName == null ? null : catalog.feed(feedName).orElse(null);
        if (feed == null || !feed.recordFeed()) {
            throw new IllegalArgumentException("file " + fileId + " is of feed " + feedName + ", which is not a declared record feed");
        }
        var rf = RecordFeed.of(feed);
        var codec = new FieldCodec(rf.codePage);
        var records = new ArrayList<DecodedRecord>();
        boolean more = false;
        try (var input = rf.open(objects.open(object))) {
            try {
                if (input.skip(offset)) {
                    while (records.size() < limit && input.next()) {
                        records.add(decode(rf, codec, input));
                    }
                    more = records.size() == limit && input.next();
                }
            } catch (RecordInput.FramingException e) {
                records.add(new DecodedRecord(e.record(), e.offset(), 0, null, java.util.List.of(), e.getMessage()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RecordPage(fileId, feed.name(), object.key(), rf.codePage.name(), offset, records, more);
    }

    private static DecodedRecord decode(RecordFeed rf, FieldCodec codec, RecordInput input) {
        var type = rf.typeOf(codec, input.buffer(), input.length());
        var fields = type == null
                ? rf.layout.fields().stream().filter(f -> !f.filler() && !f.alternative()).toList()
                : rf.fieldsOf.get(type);
        var decoded = new ArrayList<DecodedField>(fields.size());
        for (var f : fields) {
            var value = codec.decode(input.buffer(), input.length(), f);
            decoded.add(new DecodedField(f.name(), f.picture(), input.dataOffset() + f.offset(), value.value(),
                    FieldCodec.hex(input.buffer(), input.length(), f), value.problem()));
        }
        return new DecodedRecord(input.number(), input.offset(), input.length(), type == null ? null : type.name().toLowerCase(Locale.ROOT),
                decoded, type == null ? "unknown record type" : null);
    }

    private static java.time.Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
