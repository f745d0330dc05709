package com.tact.outbound.web;

import com.tact.outbound.config.OutboundProperties;
import com.tact.outbound.dispatch.PartnerQueues;
import com.tact.outbound.dispatch.PartnerDispatcher;
import com.tact.outbound.dispatch.ReplayService;
import com.tact.outbound.partner.PartnerConfigService;
import com.tact.outbound.partner.PartnerEndpoint;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Partners", description = "partner switches per bucket, endpoint weights, circuit state, queue depth, DLQ redrive")
@RestController
@RequestMapping("/api/partners")
class PartnerConfigController {

    private final PartnerConfigService config;
    private final OutboundProperties properties;
    private final PartnerDispatcher dispatcher;
    private final PartnerQueues queues;
    private final ReplayService replays;

    PartnerConfigController(PartnerConfigService config, OutboundProperties properties, PartnerDispatcher dispatcher,
                            PartnerQueues queues, ReplayService replays) {
        this.config = config;
        this.properties = properties;
        this.dispatcher = dispatcher;
        this.queues = queues;
        this.replays = replays;
    }

    @Operation(summary = "The configured partners with their endpoints, weights and circuit state")
    @GetMapping
    List<Map<String, Object>> partners() {
        return properties.partnersOrEmpty().stream().map(p -> summary(p.name())).toList();
    }

    @Operation(summary = "One partner, with its queue and DLQ depth")
    @GetMapping("/{partner}")
    Map<String, Object> partner(@PathVariable String partner) {
        Map<String, Object> out = summary(partner);
        out.put("queues", queues.depth(config.partner(partner)));
        return out;
    }

    record SwitchRequest(@NotNull Boolean enabled, String reason) {
    }

    @Operation(summary = "Turn a partner's outbound flow for one bucket on or off (audited; in force on every instance at once)")
    @PutMapping("/{partner}/buckets/{bucketId}/switch")
    PartnerConfigService.SwitchState setSwitch(@PathVariable String partner, @PathVariable String bucketId,
                                               @Valid @RequestBody SwitchRequest request, Principal who) {
        return config.setSwitch(partner, bucketId, request.enabled(), request.reason(), who.getName());
    }

    @GetMapping("/{partner}/buckets/{bucketId}/switch")
    PartnerConfigService.SwitchState getSwitch(@PathVariable String partner, @PathVariable String bucketId) {
        return config.getSwitch(partner, bucketId);
    }

    @Operation(summary = "The buckets switched off for a partner")
    @GetMapping("/{partner}/switches")
    List<PartnerConfigService.SwitchState> disabled(@PathVariable String partner) {
        return config.disabled(partner);
    }

    @GetMapping("/{partner}/endpoints")
    List<PartnerEndpoint> endpoints(@PathVariable String partner) {
        return config.endpoints(partner);
    }

    @Operation(summary = "Replace a partner's endpoints and weights (traffic is split in proportion to the weights)")
    @PutMapping("/{partner}/endpoints")
    List<PartnerEndpoint> replaceEndpoints(@PathVariable String partner, @RequestBody List<PartnerEndpoint> endpoints, Principal who) {
        return config.replaceEndpoints(partner, endpoints, who.getName());
    }

    @Operation(summary = "Who changed what, newest first")
    @GetMapping("/{partner}/audit")
    List<PartnerConfigService.AuditEntry> audit(@PathVariable String partner, @RequestParam(defaultValue = "100") int limit) {
        return config.audit(partner, Math.max(1, Math.min(limit, 1000)));
    }

    @Operation(summary = "Move up to max messages from the partner's DLQ back to its queue")
    @PostMapping("/{partner}/dlq/redrive")
    ResponseEntity<Map<String, Object>> redrive(@PathVariable String partner, @RequestParam(defaultValue = "100") int max) {
        int moved = replays.redriveDlq(partner, Math.max(1, max));
        return ResponseEntity.accepted().body(Map.of("partner", partner, "moved", moved));
    }

    private Map<String, Object> summary(String name) {
        OutboundProperties.Partner p = config.partner(name);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", p.name());
        out.put("queue", p.queue());
        out.put("dlq", p.dlq());
        out.put("endpoints", config.endpoints(name));
        out.put("circuit", dispatcher.circuitState(name));
        return out;
    }
}
