package com.tact.inbound.ingestion.internal;

import com.tact.inbound.ingestion.FeedCatalog;
import com.tact.inbound.ingestion.FeedDefinition;
import com.tact.inbound.ingestion.ObjectMetadata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The last landing into each candidate table (table {@code landing_mark}), which lets a new version of a file
 * whose bytes equal that landing's be recorded DONE without landing it again.
 *
 * <p>Landing such a version would write nothing, and so announce nothing, exactly when every row of the
 * earlier file still holds that file's values. That holds when, together:
 * <ul>
 * <li>the earlier file is the last landing into the table (every landing writes its mark in its own
 *     transaction, after its rows, so the mark's row lock orders the landings as their commits do);</li>
 * <li>it was complete: none of its rows was rejected, and none was held back because the table already had a
 *     newer version of the key ({@code max_version}, the newest version ever written, was not newer than it);</li>
 * <li>the feed's definition and its sources are the ones that file was validated against;</li>
 * <li>no other file of the table is being landed while the shortcut decides (one that starts afterwards
 *     lands after a version that wrote nothing, which is the same).</li>
 * </ul>
 * Any other write into a candidate table deletes the table's mark in the same statement (the trigger
 * {@code forget_landing_mark}, which a landing tells apart by {@link #LANDING}); a table without that trigger gets
 * no mark.
 */
@Component
class LandingMarks {

    /** The last landing into a table, with what its file counted. */
    record Mark(String table, long fileId, String feed, String sha256, long size, String etag, String fingerprint,
                boolean complete, long rows, long validRows) {
    }

    /** Set for a landing's transaction: its writes into candidate tables keep their marks. */
    static final String LANDING = "set local tact.landing = 'on'";

    private final JdbcClient jdbc;
    private final FeedCatalog catalog;

    LandingMarks(JdbcClient jdbc, FeedCatalog catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    /**
     * What a landing was validated against: the feed's definition and its sources (a source taken away makes
     * its rows bad). The weights are not in it: a landing that writes nothing announces nothing, whatever they are.
     */
    static String fingerprint(FeedDefinition feed, Set<String> sources) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(feed.toString().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(String.join("\u0000", new TreeSet<>(sources)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The table's mark if the object may be a copy of its last landing: the same feed, definition, size and
     * ETag, and a complete landing. Only a digest of the bytes can say it is.
     */
    Optional<Mark> sameAsLast(FeedDefinition feed, String fingerprint, ObjectMetadata object) {
        return jdbc.sql("""
                        select m.candidate_table, m.file_id, m.feed, m.sha256, m.size_bytes, m.etag, m.fingerprint, m.complete,
                               f.rows_total, f.rows_valid
                        from landing_mark m join ingestion_file f on f.id = m.file_id and f.status = 'DONE'
                        where m.candidate_table = ?""")
                .param(feed.target().candidateTable())
                .query((rs, n) -> new Mark(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getString(6), rs.getString(7), rs.getBoolean(8), rs.getLong(9), rs.getLong(10)))
                .optional()
                .filter(m -> m.complete() && m.feed().equals(feed.name()) && m.fingerprint().equals(fingerprint)
                        && m.size() == object.size() && m.etag() != null && Objects.equals(m.etag(), object.eTag()));
    }

    /**
     * In the caller's transaction: locks the table's mark and says whether it is still {@code mark} and no other
     * file of the table is being landed. While the lock is held, no landing into the table can commit.
     */
    boolean stillLast(Connection connection, Mark mark, long fileId) throws SQLException {
        try (var st = connection.prepareStatement(
                "select file_id, complete from landing_mark where candidate_table = ? for update")) {
            st.setString(1, mark.table());
            try (var rs = st.executeQuery()) {
                if (!rs.next() || rs.getLong(1) != mark.fileId() || !rs.getBoolean(2)) {
                    return false;
                }
            }
        }
        var feeds = catalog.feeds().stream()
                .filter(f -> f.target().candidateTable().equals(mark.table()))
                .map(FeedDefinition::name)
                .toArray(String[]::new);
        try (var st = connection.prepareStatement(
                "select count(*) from ingestion_file where status = 'PROCESSING' and feed = any(?) and id <> ?")) {
            st.setArray(1, connection.createArrayOf("text", feeds));
            st.setLong(2, fileId);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 0;
            }
        }
    }

    /**
     * In the landing's transaction, after its last row: this file is now the table's last landing.
     *
     * @param version the file's version as its rows carry it
     * @param wrote   whether it wrote any row
     * @param allRows whether every row of the file was valid (then only a newer stored version can hold one back)
     */
    void landed(Connection connection, FeedDefinition feed, String fingerprint, long fileId, ObjectMetadata object,
                String sha256, Timestamp version, boolean wrote, boolean allRows) throws SQLException {
        var table = feed.target().candidateTable();
        try (var st = connection.prepareStatement("select 1 from pg_trigger where tgrelid = to_regclass(?) and tgname = 'forget_landing_mark'")) {
            st.setString(1, FeedSql.q(table));
            try (var rs = st.executeQuery()) {
                if (!rs.next()) {
                    // writes outside a landing would go unnoticed: no shortcut for this table
                    return;
                }
            }
        }
        boolean exists;
        try (var st = connection.prepareStatement("select 1 from landing_mark where candidate_table = ? for update")) {
            st.setString(1, table);
            try (var rs = st.executeQuery()) {
                exists = rs.next();
            }
        }
        // the first landing into a table since the mark was kept: the newest version the table holds, its own rows
        // included (once per table; a sequential read)
        Timestamp newest = null;
        Long newestFile = null;
        if (!exists) {
            try (var st = connection.createStatement();
                 var rs = st.executeQuery("select file_version, file_id from " + FeedSql.q(table)
                         + " order by file_version desc, file_id desc limit 1")) {
                if (rs.next()) {
                    newest = rs.getTimestamp(1);
                    newestFile = rs.getLong(2);
                }
            }
        }
        boolean completeIfFirst = allRows && (newest == null || newest.before(version)
                || (newest.equals(version) && newestFile <= fileId));
        try (var st = connection.prepareStatement("""
                insert into landing_mark as m (candidate_table, file_id, feed, sha256, size_bytes, etag, fingerprint, complete,
                    max_version, max_file_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (candidate_table) do update set file_id = excluded.file_id, feed = excluded.feed,
                    sha256 = excluded.sha256, size_bytes = excluded.size_bytes, etag = excluded.etag,
                    fingerprint = excluded.fingerprint,
                    complete = ? and (m.max_version is null or (m.max_version, m.max_file_id) <= (?::timestamptz, ?::bigint)),
                    max_version = case when ? and (m.max_version is null or (m.max_version, m.max_file_id) < (?::timestamptz, ?::bigint))
                                       then ?::timestamptz else m.max_version end,
                    max_file_id = case when ? and (m.max_version is null or (m.max_version, m.max_file_id) < (?::timestamptz, ?::bigint))
                                       then ?::bigint else m.max_file_id end,
                    updated_at = now()""")) {
            int i = 1;
            st.setString(i++, table);
            st.setLong(i++, fileId);
            st.setString(i++, feed.name());
            st.setString(i++, sha256);
            st.setLong(i++, object.size());
            st.setString(i++, object.eTag());
            st.setString(i++, fingerprint);
            st.setBoolean(i++, completeIfFirst);
            st.setTimestamp(i++, newest);
            if (newestFile == null) {
                st.setNull(i++, Types.BIGINT);
            } else {
                st.setLong(i++, newestFile);
            }
            st.setBoolean(i++, allRows);
            st.setTimestamp(i++, version);
            st.setLong(i++, fileId);
            for (int k = 0; k < 2; k++) {
                st.setBoolean(i++, wrote);
                st.setTimestamp(i++, version);
                st.setLong(i++, fileId);
                if (k == 0) {
                    st.setTimestamp(i++, version);
                } else {
                    st.setLong(i++, fileId);
                }
            }
            st.executeUpdate();
        }
    }
}
