package com.tact.inbound.ingestion;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The allocations and bucket-attributes feeds as the shipped migration declares them. */
public final class FeedFixture {

    private FeedFixture() {
    }

    public static FeedDefinition allocations() {
        var string = FeedDefinition.Type.STRING;
        return new FeedDefinition("allocations", "incoming/allocations/", "test",
                List.of(new FeedDefinition.Column("bucket_id", string, true, "^[A-Z0-9][A-Z0-9_-]{0,31}$", null, null, null, null, null, null),
                        new FeedDefinition.Column("security_id", string, true, "^[A-Z0-9]{1,12}$", null, null, null, null, null, null),
                        new FeedDefinition.Column("weight", FeedDefinition.Type.DECIMAL, true, null, null, null, BigDecimal.ZERO, new BigDecimal("100"), 6, null),
                        new FeedDefinition.Column("effective_date", FeedDefinition.Type.DATE, true, null, null, null, null, null, null, null),
                        new FeedDefinition.Column("source", string, true, null, 64, null, null, null, null, null),
                        new FeedDefinition.Column("currency", string, false, "^[A-Z]{3}$", null, null, null, null, null, null),
                        new FeedDefinition.Column("asset_class", string, false, null, null, List.of("EQUITY", "ETF", "CASH"), null, null, null, null)),
                List.of("bucket_id", "security_id", "effective_date"), "source",
                new FeedDefinition.ChangeEvent("AllocationsChanged", "bucket", "bucket_id"),
                new FeedDefinition.Target("allocation", "allocation_candidate", new FeedDefinition.Parent("bucket", "bucket_id"), null),
                new FeedDefinition.RejectThreshold(null, 0.01));
    }

    public static FeedDefinition bucketAttributes() {
        var string = FeedDefinition.Type.STRING;
        var types = Map.of(
                "hasEtf", new FeedDefinition.Rule(FeedDefinition.Type.BOOLEAN, null, null, null, null, null, null, null),
                "driftTolerance", new FeedDefinition.Rule(FeedDefinition.Type.DECIMAL, null, null, null, null, BigDecimal.ZERO, BigDecimal.ONE, null));
        return new FeedDefinition("bucket-attributes", "incoming/bucket-attributes/", "test",
                List.of(new FeedDefinition.Column("bucket_id", string, true, null, null, null, null, null, null, null),
                        new FeedDefinition.Column("attribute", string, true, null, null, null, null, null, null, null),
                        new FeedDefinition.Column("value", string, true, null, 1024, null, null, null, null,
                                new FeedDefinition.TypeBy("attribute", types)),
                        new FeedDefinition.Column("source", string, true, null, 64, null, null, null, null, null)),
                List.of("bucket_id", "attribute"), "source",
                new FeedDefinition.ChangeEvent("BucketAttributesChanged", "bucket", "bucket_id"),
                new FeedDefinition.Target("bucket_attribute", "bucket_attribute_candidate", null,
                        new FeedDefinition.JsonRollup("bucket", "attributes", "bucket_id", "attribute", "value")),
                new FeedDefinition.RejectThreshold(null, 0.05));
    }

    /**
     * The holdings record feed exactly as migration V8_0 declares it: its JSON read as the catalog reads it, with the
     * copybook the migration stores (which must be samples/holdings.cpy).
     */
    public static FeedDefinition holdings() {
        var sql = migration();
        var json = sql.substring(sql.indexOf("'{", sql.indexOf("('holdings'")) + 1, sql.indexOf("}'::jsonb") + 1);
        var mapper = tools.jackson.databind.json.JsonMapper.builder()
                .enable(tools.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        var spec = (tools.jackson.databind.node.ObjectNode) mapper.readTree(json);
        spec.put("name", "holdings");
        spec.put("s3Prefix", "incoming/holdings/");
        ((tools.jackson.databind.node.ObjectNode) spec.get("records")).put("copybook", holdingsCopybook());
        return mapper.treeToValue(spec, FeedDefinition.class);
    }

    /** The copybook migration V8_0 stores with the holdings feed. */
    public static String holdingsCopybook() {
        var sql = migration();
        int start = sql.indexOf("$copybook$") + "$copybook$".length();
        return sql.substring(start, sql.indexOf("$copybook$", start));
    }

    private static String migration() {
        try (var in = FeedFixture.class.getResourceAsStream("/db/migration/V8_0__record_feeds.sql")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A feed definition with its records declaration changed. */
    public static FeedDefinition withRecords(FeedDefinition feed, java.util.function.UnaryOperator<FeedDefinition.Records> change) {
        return new FeedDefinition(feed.name(), feed.s3Prefix(), feed.description(), feed.columns(), feed.businessKey(), feed.sourceColumn(),
                feed.changeEvent(), feed.target(), feed.rejectThreshold(), feed.format(), change.apply(feed.records()));
    }

    /** The feed with one column's pattern replaced (feeds are data: any pattern may arrive). */
    public static FeedDefinition withPattern(FeedDefinition feed, String column, String pattern) {
        var columns = feed.columns().stream().map(c -> !c.name().equals(column) ? c
                : new FeedDefinition.Column(c.name(), c.type(), c.required(), pattern, c.maxLength(), c.allowed(), c.min(), c.max(),
                        c.scale(), c.typeBy())).toList();
        return new FeedDefinition(feed.name(), feed.s3Prefix(), feed.description(), columns, feed.businessKey(), feed.sourceColumn(),
                feed.changeEvent(), feed.target(), feed.rejectThreshold(), feed.format(), feed.records());
    }
}
