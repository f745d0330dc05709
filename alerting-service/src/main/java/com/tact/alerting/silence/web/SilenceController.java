package com.tact.alerting.silence.web;

import com.tact.alerting.silence.Silence;
import com.tact.alerting.silence.Silences;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Silences for planned maintenance: matching alerts are recorded as SILENCED and not published. */
@RestController
@RequestMapping("/api/silences")
class SilenceController {

    private final Silences silences;

    SilenceController(Silences silences) {
        this.silences = silences;
    }

    /** startsAt defaults to now. At least one matcher (topic, source, dedupKeyPrefix) is required. */
    record SilenceRequest(@Size(max = 64) String topic, @Size(max = 128) String source,
                          @Size(max = 512) String dedupKeyPrefix, Instant startsAt,
                          @NotNull Instant endsAt, @NotBlank @Size(max = 1000) String comment) {
    }

    @Operation(summary = "Create a silence")
    @PostMapping
    ResponseEntity<Silence> create(@Valid @RequestBody SilenceRequest request, Principal operator) {
        var silence = silences.create(request.topic(), request.source(), request.dedupKeyPrefix(),
                request.startsAt() == null ? Instant.now() : request.startsAt(), request.endsAt(), request.comment(),
                operator.getName());
        return ResponseEntity.created(URI.create("/api/silences/" + silence.id())).body(silence);
    }

    @Operation(summary = "Active and future silences; all=true for the latest 500 of any kind")
    @GetMapping
    List<Silence> list(@RequestParam(defaultValue = "false") boolean all) {
        return silences.list(all);
    }

    @GetMapping("/{id}")
    Silence get(@PathVariable long id) {
        return silences.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no silence " + id));
    }

    @Operation(summary = "End a silence now")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> expire(@PathVariable long id) {
        if (!silences.expire(id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no active silence " + id);
        }
        return ResponseEntity.noContent().build();
    }
}
