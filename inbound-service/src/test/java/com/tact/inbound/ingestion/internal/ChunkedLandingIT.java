package com.tact.inbound.ingestion.internal;

import com.tact.testsupport.Env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The chunked landing against the real Postgres: chunks in order, and a landing failure surfaces, never hangs. */
class ChunkedLandingIT {

    private static final String COPY = "copy chunk_stage (line_no, v) from stdin";
    private static final String EMPTY = "truncate chunk_stage";
    /** Makes rows long enough for several 4 MiB chunks. */
    private static final String PADDING = " ".repeat(60);

    private Connection connection;

    @BeforeEach
    void connect() throws SQLException {
        connection = DriverManager.getConnection(Env.get("TACT_JDBC_URL", null),
                Env.get("TACT_DB_USER", "tact"), Env.get("TACT_DB_PASSWORD", ""));
        connection.setAutoCommit(false);
        try (var st = connection.createStatement()) {
            st.execute("create temp table chunk_stage (line_no bigint, v text) on commit drop");
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.rollback();
        connection.close();
    }

    @Test
    @Timeout(60)
    void everyRowIsLandedInChunksInOrder() throws Exception {
        var landed = new ArrayList<long[]>();
        long rows = 300_000;
        try (var landing = new ChunkedLanding(connection, COPY, EMPTY, newParents -> {
            try (var st = connection.createStatement(); var rs = st.executeQuery("select count(*), min(line_no), max(line_no) from chunk_stage")) {
                rs.next();
                landed.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
                return rs.getLong(1);
            }
        })) {
            for (long i = 1; i <= rows; i++) {
                landing.write(i, new String[] {"value\twith tab " + i});
            }
            assertThat(landing.finish()).isEqualTo(rows);
        }
        assertThat(landed).hasSizeGreaterThan(1);
        for (int c = 1; c < landed.size(); c++) {
            assertThat(landed.get(c)[1]).as("chunk %d follows chunk %d", c, c - 1).isEqualTo(landed.get(c - 1)[2] + 1);
        }
        assertThat(landed.stream().mapToLong(c -> c[0]).sum()).isEqualTo(rows);
    }

    @Test
    @Timeout(60)
    void onlyAChunkWithAParentKeyTheFileHasNotHadBeforeAsksForTheParents() throws Exception {
        try (var st = connection.createStatement()) {
            st.execute("create temp table parent_stage (line_no bigint, v text, p text) on commit drop");
        }
        var flags = new ArrayList<Boolean>();
        long rows = 300_000;
        try (var landing = new ChunkedLanding(connection, "copy parent_stage (line_no, v, p) from stdin", "truncate parent_stage",
                new int[0], 1, newParents -> {
            flags.add(newParents);
            return 0;
        })) {
            for (long i = 1; i <= rows; i++) {
                // ten parents from the first line on; an eleventh only on the last line
                landing.write(i, new String[] {"v" + i + PADDING, i == rows ? "P-last" : "P" + (i % 10)});
            }
            landing.finish();
        }
        assertThat(flags).hasSizeGreaterThan(2);
        assertThat(flags.getFirst()).isTrue();
        assertThat(flags.subList(1, flags.size() - 1)).as("chunks of parents already seen").containsOnly(false);
        assertThat(flags.getLast()).as("the chunk with the new parent").isTrue();
    }

    @Test
    @Timeout(60)
    void aLandingFailureReachesTheWriterInsteadOfBlockingIt() {
        List<Integer> calls = new ArrayList<>();
        assertThatThrownBy(() -> {
            try (var landing = new ChunkedLanding(connection, COPY, EMPTY, newParents -> {
                calls.add(1);
                try (var st = connection.createStatement()) {
                    st.execute("select 1 / 0");
                }
                return 0;
            })) {
                for (long i = 1; i <= 2_000_000; i++) {
                    landing.write(i, new String[] {"v" + i});
                }
                landing.finish();
            }
        }).isInstanceOfAny(ChunkedLanding.LandingFailedException.class, SQLException.class)
                .hasMessageContaining("division by zero");
        assertThat(calls).hasSize(1);
    }

    @Test
    @Timeout(60)
    void closingWithoutFinishingStopsTheLander() throws Exception {
        var started = System.nanoTime();
        try (var landing = new ChunkedLanding(connection, COPY, EMPTY, newParents -> 0)) {
            for (long i = 1; i <= 100_000; i++) {
                landing.write(i, new String[] {"v"});
            }
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        try (var st = connection.createStatement(); var rs = st.executeQuery("select 1")) {
            assertThat(rs.next()).as("the connection is usable again").isTrue();
        }
    }
}
