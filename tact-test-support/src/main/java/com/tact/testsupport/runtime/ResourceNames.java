package com.tact.testsupport.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The resource names of cloud/resources.json for an environment, as the variables ./tact's env file names them. */
final class ResourceNames {

    private final Path resources;

    ResourceNames(Path resources) {
        this.resources = resources;
    }

    /** cloud/resources.json of the checkout the tests run in (Maven runs them in the module's folder). */
    static ResourceNames ofCheckout() {
        return new ResourceNames(Checkout.root().resolve("cloud/resources.json"));
    }

    String region() {
        return read("local").path("region").asString();
    }

    Map<String, String> variables(String env) {
        JsonNode n = read(env);
        var inbound = n.path("inbound");
        var partners = n.path("outbound").path("partners");
        var v = new LinkedHashMap<String, String>();
        v.put("TACT_INBOUND_BUCKET", inbound.path("bucket").asString());
        v.put("TACT_INBOUND_PREFIX", inbound.path("notificationPrefix").asString());
        v.put("TACT_INBOUND_QUEUE", inbound.path("queue").asString());
        v.put("TACT_INBOUND_DLQ", inbound.path("dlq").asString());
        v.put("TACT_EVENT_BUS", n.path("events").path("bus").asString());
        v.put("TACT_ALERT_PAYLOAD_BUCKET", n.path("alerting").path("payloadBucket").asString());
        for (JsonNode partner : partners) {   // custodian-a -> TACT_OUTBOUND_CUSTODIAN_A_QUEUE, as write_env names them
            String prefix = "TACT_OUTBOUND_" + partner.path("name").asString().toUpperCase().replace('-', '_');
            v.put(prefix + "_QUEUE", partner.path("queue").asString());
            v.put(prefix + "_DLQ", partner.path("dlq").asString());
        }
        return v;
    }

    private JsonNode read(String env) {
        try {
            return JsonMapper.shared().readTree(Files.readString(resources).replace("{env}", env));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read " + resources, e);
        }
    }
}
