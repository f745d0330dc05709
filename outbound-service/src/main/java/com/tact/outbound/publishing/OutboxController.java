package com.tact.outbound.publishing;

import com.tact.outbound.publishing.internal.OutboxRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Outbox", description = "what waits for the relay")
@RestController
@RequestMapping("/api/outbox")
class OutboxController {

    private final OutboxRepository outbox;

    OutboxController(OutboxRepository outbox) {
        this.outbox = outbox;
    }

    @Operation(summary = "Pending outbox events: how many, the oldest one's creation time, and how many are parked (refused by the bus)")
    @GetMapping("/backlog")
    Map<String, Object> backlog() {
        return outbox.backlog();
    }
}
