package com.tact.alerting.it;

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
 * Who may call what on alerting-service: every endpoint the running service maps, with its least role, enforced
 * over real HTTP (see {@link SecurityMatrix}). Calls of the right role change nothing: an unknown topic, an
 * incomplete silence, ids that do not exist.
 */
class SecurityMatrixIT extends AlertingItSupport {

    static final List<Entry> TABLE = SecurityMatrix.withSuiteDefaults("/actuator/health/liveness",
            operator("POST", "/api/alerts")
                    .json("{\"severity\":\"INFO\",\"topic\":\"no-such-topic\",\"source\":\"matrix\",\"title\":\"never stored\"}"),
            viewer("GET", "/api/alerts").listing(),
            viewer("GET", "/api/alerts/{alertId}"),
            viewer("GET", "/api/alerts/{alertId}/body"),
            operator("POST", "/api/alerts/{alertId}/retry"),
            operator("POST", "/api/silences").json("{\"source\":\"matrix\",\"comment\":\"no endsAt: refused\"}"),
            viewer("GET", "/api/silences").listing(),
            viewer("GET", "/api/silences/{id}"),
            operator("DELETE", "/api/silences/{id}"));

    @Autowired
    ApplicationContext context;

    @Test
    void everyEndpointIsClassified() {
        SecurityMatrix.assertClassifiesExactly(SecurityMatrix.endpoints(context), TABLE);
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointRefusesWhoMayNotCallIt() {
        Map<String, String> samples = Map.of("alertId", UUID.randomUUID().toString(), "id", "999999999");
        return TABLE.stream().map(entry -> DynamicTest.dynamicTest(entry.toString(),
                () -> SecurityMatrix.assertEnforced(port, entry, samples)));
    }
}
