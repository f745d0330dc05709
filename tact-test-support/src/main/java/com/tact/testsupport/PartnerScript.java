package com.tact.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A script for the mock partner ({@code PUT /mock/partners/<partner>/script}): the answers it gives, in order,
 * e.g. {@code PartnerScript.respond(503).retryAfterSeconds(4).times(5).json()}.
 */
public final class PartnerScript {

    private final List<Map<String, Object>> steps = new ArrayList<>();
    private Map<String, Object> step;

    private PartnerScript() {
    }

    public static PartnerScript respond(int status) {
        return new PartnerScript().then(status);
    }

    public PartnerScript then(int status) {
        step = new LinkedHashMap<>();
        step.put("status", status);
        steps.add(step);
        return this;
    }

    public PartnerScript times(int times) {
        step.put("times", times);
        return this;
    }

    public PartnerScript delayMs(long millis) {
        step.put("delayMs", millis);
        return this;
    }

    public PartnerScript retryAfterSeconds(int seconds) {
        step.put("retryAfterSeconds", seconds);
        return this;
    }

    public PartnerScript bodyBytes(long bytes) {
        step.put("bodyBytes", bytes);
        return this;
    }

    public String json() {
        var out = new StringBuilder("{\"steps\":[");
        for (int i = 0; i < steps.size(); i++) {
            out.append(i == 0 ? "{" : ",{");
            var first = true;
            for (var e : steps.get(i).entrySet()) {
                out.append(first ? "" : ",").append('"').append(e.getKey()).append("\":").append(e.getValue());
                first = false;
            }
            out.append('}');
        }
        return out.append("]}").toString();
    }
}
