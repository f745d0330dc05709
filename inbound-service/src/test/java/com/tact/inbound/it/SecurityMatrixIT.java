package com.tact.inbound.it;

import static com.tact.testsupport.SecurityMatrix.Entry.operator;
import static com.tact.testsupport.SecurityMatrix.Entry.viewer;

import com.tact.testsupport.SecurityMatrix;
import com.tact.testsupport.SecurityMatrix.Entry;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who may call what on inbound-service: every endpoint the running service maps, with its least role, enforced over
 * real HTTP (see {@link SecurityMatrix}). A new endpoint fails {@link #everyEndpointIsClassified} until it is added.
 * Calls of the right role are made so that they change nothing: a bucket that is not the inbound bucket, a feed
 * that does not exist, a dry-run validation.
 */
class SecurityMatrixIT extends InboundITBase {

    static final List<Entry> TABLE = SecurityMatrix.withSuiteDefaults("/actuator/health/liveness",
            viewer("GET", "/api/feeds").listing(),
            viewer("GET", "/api/feeds/{feed}"),
            viewer("GET", "/api/feeds/{feed}/summary").at("/api/feeds/allocations/summary?key=incoming/allocations/no-such.csv"),
            operator("POST", "/api/feeds/{feed}/validate")
                    .body("text/csv", "bucket_id,security_id,weight,effective_date,source,currency,asset_class\n"
                            + "BKT-1,SEC1,40,2026-11-25,VENDOR,USD,EQUITY\n"),
            operator("POST", "/api/feeds/{feed}/merge").at("/api/feeds/no-such-feed/merge")
                    .json("{\"keys\":[\"incoming/allocations/a.csv\"],\"targetName\":\"merged.csv\"}"),
            operator("POST", "/api/ingestions").json("{\"bucket\":\"not-the-inbound-bucket\",\"key\":\"incoming/x.csv\"}"),
            viewer("GET", "/api/files").listing(),
            viewer("GET", "/api/files/{id}"),
            viewer("GET", "/api/files/{id}/errors"),
            viewer("GET", "/api/files/{id}/records"));

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    @Test
    void everyEndpointIsClassified() {
        SecurityMatrix.assertClassifiesExactly(SecurityMatrix.endpoints(context), TABLE);
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointRefusesWhoMayNotCallIt() {
        // an existing file when one is there (errors of an unknown file are an empty list too)
        String fileId = jdbc.sql("select coalesce(max(id), 1)::text from ingestion_file").query(String.class).single();
        Map<String, String> samples = Map.of("feed", "allocations", "id", fileId);
        return TABLE.stream().map(entry -> DynamicTest.dynamicTest(entry.toString(),
                () -> SecurityMatrix.assertEnforced(port, entry, samples)));
    }
}
