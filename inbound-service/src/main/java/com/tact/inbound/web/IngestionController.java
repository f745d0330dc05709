package com.tact.inbound.web;

import com.tact.inbound.config.InboundProperties;
import com.tact.inbound.ingestion.FileRecords;
import com.tact.inbound.ingestion.IngestedFiles;
import com.tact.inbound.ingestion.IngestedFiles.IngestedFile;
import com.tact.inbound.ingestion.IngestionResult;
import com.tact.inbound.ingestion.IngestionService;
import com.tact.inbound.ingestion.ObjectRef;
import com.tact.inbound.ingestion.RowError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api")
@Validated
@Tag(name = "ingestion", description = "Push-mode ingestion and the ingestion ledger")
class IngestionController {

    /** A push request: an object of the inbound bucket, optionally one version of it. */
    record PushRequest(String bucket, @NotBlank String key, String versionId) {
    }

    private final IngestionService ingestion;
    private final IngestedFiles files;
    private final FileRecords records;
    private final InboundProperties properties;
    private final PushLane lane;

    IngestionController(IngestionService ingestion, IngestedFiles files, FileRecords records, InboundProperties properties, PushLane lane) {
        this.ingestion = ingestion;
        this.files = files;
        this.records = records;
        this.properties = properties;
        this.lane = lane;
    }

    @PostMapping("/ingestions")
    @Operation(summary = "Ingest a named object of the inbound bucket now (push mode); exactly once per object version")
    IngestionResult push(@Valid @RequestBody PushRequest request) {
        if (request.bucket() != null && !request.bucket().equals(properties.bucket())) {
            throw new IllegalArgumentException("only objects of the inbound bucket '" + properties.bucket() + "' can be ingested");
        }
        var ref = new ObjectRef(properties.bucket(), request.key(), request.versionId(), null, null);
        return lane.run(() -> ingestion.ingest(ref, IngestionService.Trigger.PUSH, () -> { }));
    }

    @GetMapping("/files")
    @Operation(summary = "Ingested files, newest first")
    List<IngestedFile> list(@RequestParam(required = false) String status, @RequestParam(required = false) String feed,
                            @RequestParam(defaultValue = "50") @Min(1) @Max(1000) int limit,
                            @RequestParam(defaultValue = "0") @Min(0) long offset) {
        return files.list(status == null ? null : status.toUpperCase(Locale.ROOT), feed, limit, offset);
    }

    @GetMapping("/files/{id}")
    @Operation(summary = "One ingested file with its counts")
    IngestedFile get(@PathVariable long id) {
        return files.get(id).orElseThrow(() -> new NoSuchElementException("no ingested file " + id));
    }

    @GetMapping("/files/{id}/errors")
    @Operation(summary = "The located errors of one file (line, column, reason), in file order")
    List<RowError> errors(@PathVariable long id, @RequestParam(defaultValue = "100") @Min(1) @Max(10000) int limit,
                          @RequestParam(defaultValue = "0") @Min(0) long offset) {
        get(id);
        return files.errors(id, limit, offset);
    }

    @GetMapping("/files/{id}/records")
    @Operation(summary = "Records of an ingested record-feed file, decoded for reading: each field's value and raw bytes in hex")
    FileRecords.RecordPage records(@PathVariable long id, @RequestParam(defaultValue = "0") @Min(0) long offset,
                                   @RequestParam(defaultValue = "20") @Min(1) @Max(1000) int limit) {
        return records.read(id, offset, limit);
    }
}
