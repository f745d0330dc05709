package com.tact.inbound.ingestion.internal;

import com.tact.inbound.ingestion.FeedDefinition;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The SQL that lands one feed's staged rows, generated from its definition. Identifiers come from a
 * definition that passed {@link FeedDefinition#problems()} (plain lower-case names), and are quoted anyway.
 *
 * <p>Landing runs in the caller's transaction: parent rows are ensured, then one statement ({@link #apply})
 * writes the candidates (every source's latest value per business key) and an outbox event per aggregate
 * whose resolved values changed; an optional JSON roll-up refreshes the parent. What a key resolves to
 * (highest source weight, then source name) is the target view over the candidates.
 */
final class FeedSql {

    static final String STAGE = "ingest_stage";
    static final String CHANGED = "ingest_changed";
    static final long MERGE_FILE_STRIDE = 1_000_000_000_000L;

    private final FeedDefinition feed;

    FeedSql(FeedDefinition feed) {
        this.feed = feed;
    }

    /** A session-private table shaped like the candidate table's feed columns, gone at commit or rollback. */
    String createStage() {
        return "create temp table " + STAGE + " on commit drop as select line_no, " + cols(feed.columnNames())
                + " from " + q(feed.target().candidateTable()) + " with no data";
    }

    String copyIntoStage() {
        return "copy " + STAGE + " (line_no, " + cols(feed.columnNames()) + ") from stdin";
    }

    /**
     * Where each column of the candidate table's key (business key, then source) is in a row's values: chunks
     * are landed in that order, which is the primary key's.
     */
    int[] landingOrder() {
        var names = feed.columnNames();
        return keyWithSource().stream().mapToInt(names::indexOf).toArray();
    }

    /** Where the parent's key is in a row's values, or -1 without a parent. */
    int parentColumn() {
        var parent = feed.target().parent();
        return parent == null ? -1 : feed.columnNames().indexOf(parent.key());
    }

    /**
     * The landing of one chunk in one statement. Parameters: file id, file version (timestamp), feed name
     * (weights). Returns one row: candidate rows written (new or changed values) and aggregates noted.
     *
     * <ol>
     * <li>upsert every source's value per key into the candidate table, unless the stored value is the same or
     *     comes from a newer object version (the guard); the rows actually written come back;</li>
     * <li>a written row changes what the key resolves to (the target view: highest weight, then lowest source
     *     name) unless another source of the key outranks it; such changes are noted per aggregate (e.g.
     *     bucket) for {@link #announce()}. A row from the feed's top source (no other weighted source ranks
     *     as high) cannot be outranked, so only the other rows are looked up, one index probe each; the
     *     ranks come from {@code source_weight} as this statement sees it.</li>
     * </ol>
     *
     * @param dedupe whether the file may hold one key from one source twice (then the last line wins); the
     *               caller first tries without, which saves a sort, and falls back when Postgres refuses
     */
    String apply(boolean dedupe) {
        var key = feed.businessKey();
        var keyWithSource = keyWithSource();
        var cand = q(feed.target().candidateTable());
        var source = q(feed.sourceColumn());
        var values = feed.valueColumns();
        var aggregate = q(feed.changeEvent().aggregateKey());
        var incoming = dedupe
                ? "select distinct on (" + cols(keyWithSource) + ") " + cols(feed.columnNames()) + ", ?::bigint, line_no, ?::timestamptz"
                  + " from " + STAGE + " order by " + cols(keyWithSource) + ", line_no desc"
                : "select " + cols(feed.columnNames()) + ", ?::bigint, line_no, ?::timestamptz from " + STAGE;
        var rank = "coalesce(%s.weight, -2147483648)";
        return "with written as (insert into " + cand + " (" + cols(feed.columnNames()) + ", file_id, line_no, file_version) "
                + incoming
                + " on conflict (" + cols(keyWithSource) + ") do update set "
                + join(values, c -> q(c) + " = excluded." + q(c)) + (values.isEmpty() ? "" : ", ")
                + "file_id = excluded.file_id, line_no = excluded.line_no, file_version = excluded.file_version, updated_at = now()"
                + " where (" + cand + ".file_version, " + cand + ".file_id) <= (excluded.file_version, excluded.file_id)"
                + (values.isEmpty() ? "" : " and (" + prefixed(cand, values) + ") is distinct from (" + prefixed("excluded", values) + ")")
                + " returning " + cols(returned(keyWithSource)) + "),"
                // materialized: computed once per statement, and the probe below stays an index probe per row
                + " ranks as materialized (select s.source, s.weight, s.weight > -2147483648 and not exists (select 1 from source_weight t"
                + " where t.feed = s.feed and t.source <> s.source and (t.weight > s.weight or (t.weight = s.weight and t.source < s.source)))"
                + " as top from source_weight s where s.feed = ?),"
                + " changed as (select n." + aggregate + "::text as agg from written n left join ranks nw on nw.source = n." + source
                + " where case when nw.top then true else not exists (select 1 from " + cand + " o left join ranks ow on ow.source = o." + source
                + " where " + key.stream().map(c -> "o." + q(c) + " = n." + q(c)).collect(Collectors.joining(" and "))
                + " and o." + source + " <> n." + source
                + " and (" + rank.formatted("ow") + " > " + rank.formatted("nw")
                + " or (" + rank.formatted("ow") + " = " + rank.formatted("nw") + " and o." + source + " < n." + source + "))) end),"
                + " noted as (insert into " + CHANGED + " (agg, n) select agg, count(*) from changed group by agg returning 1)"
                + " select (select count(*) from written) as written, (select count(*) from noted) as aggregates";
    }

    /** Per changed aggregate, across the chunks of one file; announced once at the end. */
    String createChanged() {
        return "create temp table " + CHANGED + " (agg text not null, n bigint not null) on commit drop";
    }

    /**
     * One outbox event per aggregate whose resolved values the file changed. Parameters: event type,
     * aggregate type, feed name, file id, traceparent.
     */
    String announce() {
        return "insert into outbox_event (source, event_type, aggregate_type, aggregate_id, payload, traceparent)"
                + " select 'tact.inbound', ?, ?, agg, jsonb_build_object('" + camel(feed.changeEvent().aggregateKey())
                + "', agg, 'feed', ?::text, 'fileId', ?::bigint, 'changedKeys', sum(n)), ?"
                + " from " + CHANGED + " group by agg order by agg";
    }

    String ensureParents() {
        var parent = feed.target().parent();
        return "insert into " + q(parent.table()) + " (" + q(parent.key()) + ") select distinct " + q(parent.key())
                + " from " + STAGE + " on conflict do nothing";
    }

    String rollup() {
        var r = feed.target().jsonRollup();
        return "insert into " + q(r.table()) + " (" + q(r.key()) + ", " + q(r.column()) + ", updated_at)"
                + " select a." + q(r.key()) + ", jsonb_object_agg(a." + q(r.name()) + ", a." + q(r.value()) + "), now()"
                + " from " + q(feed.target().table()) + " a where a." + q(r.key()) + " in (select " + q(r.key()) + " from " + STAGE + ")"
                + " group by a." + q(r.key())
                + " on conflict (" + q(r.key()) + ") do update set " + q(r.column()) + " = excluded." + q(r.column()) + ", updated_at = now()"
                + " where " + q(r.table()) + "." + q(r.column()) + " is distinct from excluded." + q(r.column());
    }

    /**
     * Rows of one merge: the winner per business key over all staged files. Staged line numbers carry the
     * file's position ({@link #MERGE_FILE_STRIDE}), so among equal weights a later file, then a later line, wins.
     */
    String mergedRows() {
        var key = feed.businessKey();
        var out = feed.columns().stream()
                .map(c -> c.type() == FeedDefinition.Type.DECIMAL ? "trim_scale(" + q(c.name()) + ")" : q(c.name()))
                .collect(Collectors.joining(", "));
        return "select " + out + " from (select distinct on (" + prefixed("s", key) + ") s.*"
                + " from " + STAGE + " s left join source_weight w on w.feed = ? and w.source = s." + q(feed.sourceColumn())
                + " order by " + prefixed("s", key) + ", coalesce(w.weight, -2147483648) desc, s." + q(feed.sourceColumn())
                + ", s.line_no desc) m order by " + cols(key);
    }

    /** The key with the source, and the aggregate key when it is not part of them (a holding's bucket, say). */
    private List<String> returned(List<String> keyWithSource) {
        var aggregate = feed.changeEvent().aggregateKey();
        return keyWithSource.contains(aggregate) ? keyWithSource : concat(keyWithSource, List.of(aggregate));
    }

    private List<String> keyWithSource() {
        return concat(feed.businessKey(), List.of(feed.sourceColumn()));
    }

    static String q(String identifier) {
        return '"' + identifier + '"';
    }

    static String cols(List<String> names) {
        return join(names, FeedSql::q);
    }

    private static String prefixed(String alias, List<String> names) {
        return join(names, n -> alias + "." + q(n));
    }

    private static String join(List<String> names, Function<String, String> f) {
        return names.stream().map(f).collect(Collectors.joining(", "));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    static String camel(String snake) {
        var out = new StringBuilder();
        boolean up = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                out.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return out.toString();
    }
}
