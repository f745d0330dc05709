package com.tact.outbound;

import static com.tact.testsupport.SecurityMatrix.Entry.admin;
import static com.tact.testsupport.SecurityMatrix.Entry.operator;
import static com.tact.testsupport.SecurityMatrix.Entry.viewer;

import com.tact.testsupport.SecurityMatrix;
import com.tact.testsupport.SecurityMatrix.Entry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Who may call what on outbound-service: every endpoint the running service maps, with its least role, enforced
 * over real HTTP (see {@link SecurityMatrix}). Changing where a partner's data goes needs an admin. Calls of the
 * right role change nothing: an unknown partner, bucket or event answers 404 from the controller.
 */
class SecurityMatrixIT extends OutboundITSupport {

    static final String NO_PARTNER = "no-such-partner";

    static final List<Entry> TABLE = SecurityMatrix.withSuiteDefaults("/actuator/health/readiness",
            viewer("GET", "/api/partners").listing(),
            viewer("GET", "/api/partners/{partner}").listing(),
            viewer("GET", "/api/partners/{partner}/endpoints").listing(),
            admin("PUT", "/api/partners/{partner}/endpoints").at("/api/partners/" + NO_PARTNER + "/endpoints")
                    .json("[{\"label\":\"primary\",\"url\":\"http://127.0.0.1:1/x\",\"weight\":1}]"),
            viewer("GET", "/api/partners/{partner}/switches").listing(),
            viewer("GET", "/api/partners/{partner}/buckets/{bucketId}/switch").listing(),
            operator("PUT", "/api/partners/{partner}/buckets/{bucketId}/switch").json("{\"enabled\":true}"),
            viewer("GET", "/api/partners/{partner}/audit").listing(),
            operator("POST", "/api/partners/{partner}/dlq/redrive").at("/api/partners/" + NO_PARTNER + "/dlq/redrive"),
            viewer("GET", "/api/deliveries").listing(),
            viewer("GET", "/api/deliveries/{partner}/{eventId}"),
            operator("POST", "/api/deliveries/{partner}/{eventId}/replay"),
            operator("POST", "/api/deliveries/replay").json("{\"partner\":\"" + NO_PARTNER
                    + "\",\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-02T00:00:00Z\"}"),
            viewer("GET", "/api/outbox/backlog").listing());

    @Autowired
    ApplicationContext context;

    @Test
    void everyEndpointIsClassified() {
        SecurityMatrix.assertClassifiesExactly(SecurityMatrix.endpoints(context), TABLE);
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointRefusesWhoMayNotCallIt() {
        // a bucket that does not exist: the switch change is a 404, the switch read the default (on)
        Map<String, String> samples = Map.of("partner", "custodian-a", "bucketId", "NO-SUCH-BUCKET-" + UUID.randomUUID(),
                "eventId", UUID.randomUUID().toString());
        return TABLE.stream().map(entry -> DynamicTest.dynamicTest(entry.toString(),
                () -> SecurityMatrix.assertEnforced(port, entry, samples)));
    }
}
