package com.tact.console.it;

import static com.tact.testsupport.SecurityMatrix.Entry.admin;
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
import org.springframework.context.ApplicationContext;

/**
 * Who may call what on console-service with a bearer token (machine callers; people use the session, tested by
 * the browser tests): every endpoint the running console maps, with its least role, over real HTTP. Calls of the
 * right role change nothing: a missing key, an unknown queue or service.
 */
class SecurityMatrixIT extends ConsoleItSupport {

    static final List<Entry> TABLE = SecurityMatrix.withSuiteDefaults("/actuator/health/liveness",
            viewer("GET", "/api/me").listing(),
            viewer("GET", "/api/s3/buckets").listing(),
            viewer("GET", "/api/s3/buckets/{bucket}/objects"),
            viewer("GET", "/api/s3/buckets/{bucket}/object"),
            viewer("GET", "/api/s3/buckets/{bucket}/object/versions"),
            operator("GET", "/api/s3/buckets/{bucket}/object/content"),
            operator("POST", "/api/s3/buckets/{bucket}/object/presigned-url"),
            viewer("GET", "/api/queues").listing(),
            viewer("GET", "/api/queues/{name}"),
            viewer("GET", "/api/queues/{name}/messages"),
            operator("POST", "/api/queues/{name}/messages").json("{\"body\":\"never sent\"}"),
            operator("POST", "/api/queues/{name}/redrive").json("{}"),
            admin("POST", "/api/queues/{name}/purge"),
            viewer("GET", "/svc/{service}/api/**").at("/svc/no-such-service/api/files"),
            operator("POST", "/svc/{service}/api/**").at("/svc/no-such-service/api/ingestions").json("{}"),
            operator("PUT", "/svc/{service}/api/**").at("/svc/no-such-service/api/partners/p/buckets/b/switch").json("{}"),
            operator("DELETE", "/svc/{service}/api/**").at("/svc/no-such-service/api/silences/1"));

    @Autowired
    ApplicationContext context;

    @Test
    void everyEndpointIsClassified() {
        SecurityMatrix.assertClassifiesExactly(SecurityMatrix.endpoints(context), TABLE);
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointRefusesWhoMayNotCallIt() {
        Map<String, String> samples = Map.of("bucket", INBOUND_BUCKET, "name", "no-such-queue");
        return TABLE.stream().map(entry -> DynamicTest.dynamicTest(entry.toString(),
                () -> SecurityMatrix.assertEnforced(port, entry, samples)));
    }
}
