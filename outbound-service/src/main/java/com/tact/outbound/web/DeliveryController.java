package com.tact.outbound.web;

import com.tact.outbound.dispatch.ReplayService;
import com.tact.outbound.ledger.Delivery;
import com.tact.outbound.ledger.DeliveryLedger;
import com.tact.outbound.ledger.DeliveryStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@Tag(name = "Deliveries", description = "the delivery ledger: every event per partner and every attempt; replays")
@RestController
@RequestMapping("/api/deliveries")
@Validated
class DeliveryController {

    private final DeliveryLedger ledger;
    private final ReplayService replays;

    DeliveryController(DeliveryLedger ledger, ReplayService replays) {
        this.ledger = ledger;
        this.replays = replays;
    }

    @Operation(summary = "Search deliveries (oldest first within the window)")
    @GetMapping
    List<Delivery> search(@RequestParam(required = false) String partner,
                          @RequestParam(required = false) List<DeliveryStatus> status,
                          @RequestParam(required = false) String bucketId,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                          @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        if (partner != null) {
            replays.partner(partner);
        }
        return ledger.search(partner, status, bucketId, from, to, limit);
    }

    @Operation(summary = "One delivery with all its attempts")
    @GetMapping("/{partner}/{eventId}")
    Delivery one(@PathVariable String partner, @PathVariable UUID eventId) {
        replays.partner(partner);
        return ledger.find(partner, eventId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no delivery of " + eventId + " to " + partner));
    }

    @Operation(summary = "Replay one event that did not reach the partner (suppressed, dead-lettered, retrying)")
    @PostMapping("/{partner}/{eventId}/replay")
    ResponseEntity<Map<String, Object>> replayOne(@PathVariable String partner, @PathVariable UUID eventId) {
        Delivery d = one(partner, eventId);
        if (!replays.replayOne(partner, eventId)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "delivery is " + d.status() + ": not replayable");
        }
        return ResponseEntity.accepted().body(Map.of("partner", partner, "eventId", eventId, "status", "REPLAY_REQUESTED"));
    }

    record RangeReplay(String partner, Instant from, Instant to, List<DeliveryStatus> statuses, Integer limit) {
    }

    @Operation(summary = "Replay what did not reach a partner in a time range (default: suppressed and dead-lettered)")
    @PostMapping("/replay")
    ResponseEntity<ReplayService.ReplayResult> replayRange(@RequestBody RangeReplay request) {
        if (request.partner() == null || request.from() == null || request.to() == null || !request.from().isBefore(request.to())) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "partner, from and to (from < to) are required");
        }
        int limit = request.limit() == null ? ReplayService.MAX_PER_CALL : request.limit();
        if (limit < 1 || limit > ReplayService.MAX_PER_CALL) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be 1.." + ReplayService.MAX_PER_CALL);
        }
        return ResponseEntity.accepted().body(replays.replayRange(request.partner(), request.from(), request.to(), request.statuses(), limit));
    }
}
