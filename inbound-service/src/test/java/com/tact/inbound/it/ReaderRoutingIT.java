package com.tact.inbound.it;

import com.tact.testsupport.Env;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * With a reader configured, the ledger's read API takes its connections from the reader pool and writes stay on
 * the writer. Locally the "reader" is the same Postgres under a role that may only read, so a write that went
 * there by mistake would fail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
@DirtiesContext
class ReaderRoutingIT {

    private static final String READER_ROLE = "tact_reader_it";

    @DynamicPropertySource
    static void reader(DynamicPropertyRegistry registry) throws Exception {
        var url = Env.get("TACT_JDBC_URL", null);
        try (var c = DriverManager.getConnection(url, Env.get("TACT_DB_USER", "tact"),
                Env.get("TACT_DB_PASSWORD", ""));
             var st = c.createStatement()) {
            st.execute("do $$ begin if not exists (select from pg_roles where rolname = '" + READER_ROLE + "') then "
                    + "create role " + READER_ROLE + " login; end if; end $$");
            st.execute("alter default privileges grant select on tables to " + READER_ROLE);
            st.execute("grant usage on schema public to " + READER_ROLE);
        }
        registry.add("tact.datasource.reader-url", () -> url);
        registry.add("tact.datasource.reader-username", () -> READER_ROLE);
    }

    @Autowired
    @Qualifier("readerDataSource")
    HikariDataSource reader;
    @Autowired
    @Qualifier("writerDataSource")
    HikariDataSource writer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    S3Client s3;
    @LocalServerPort
    int port;

    @Test
    void theReadApiUsesTheReaderAndWritesStayOnTheWriter() {
        // tables exist once Flyway ran (on the writer); let the read-only role see them
        jdbc.sql("grant select on all tables in schema public to " + READER_ROLE).update();
        var fixture = new InboundFixture(s3, jdbc);
        var api = InboundFixture.operatorApi(port);
        var b = InboundFixture.bucketId();
        var key = "incoming/allocations/" + InboundFixture.unique("routed.csv");
        fixture.put(key, InboundFixture.HEADER + b + ",SEC1,5,2026-11-25,VENDOR,USD,EQUITY\n");
        var file = fixture.awaitFinished(key);
        assertThat(file).containsEntry("status", "DONE");
        assertThat(reader.getHikariPoolMXBean() == null ? 0 : reader.getHikariPoolMXBean().getTotalConnections())
                .as("nothing has read through the reader yet").isZero();

        var read = api.get().uri("/api/files/{id}", file.get("id")).retrieve()
                .toEntity(new ParameterizedTypeReference<Map<String, Object>>() { });
        assertThat(read.getStatusCode().value()).isEqualTo(200);
        assertThat(read.getBody()).containsEntry("key", key).containsEntry("status", "DONE");
        var list = api.get().uri("/api/files?limit=5").retrieve().body(new ParameterizedTypeReference<List<Map<String, Object>>>() { });
        assertThat(list).isNotEmpty();

        assertThat(reader.getHikariPoolMXBean().getTotalConnections()).as("the read API took reader connections").isPositive();
        assertThat(reader.isReadOnly()).isTrue();
        assertThat(writer.getHikariPoolMXBean().getTotalConnections()).isPositive();
    }
}
