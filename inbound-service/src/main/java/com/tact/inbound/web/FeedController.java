package com.tact.inbound.web;

import com.tact.inbound.config.InboundProperties;
import com.tact.inbound.ingestion.FeedCatalog;
import com.tact.inbound.ingestion.FeedDefinition;
import com.tact.inbound.ingestion.FeedOperations;
import com.tact.inbound.ingestion.FeedOperations.FileSummary;
import com.tact.inbound.ingestion.FeedOperations.MergeResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/feeds")
@Validated
@Tag(name = "feeds", description = "Feed definitions, dry-run validation, merge and summary")
class FeedController {

    record MergeRequest(@NotNull List<@NotBlank String> keys,
                        @NotBlank @Size(max = 200) @Pattern(regexp = "^[A-Za-z0-9._-]+$",
                                message = "a plain file name: letters, digits, '.', '_' and '-'") String targetName,
                        @Pattern(regexp = "^(csv|records)$", message = "csv or records") String format) {
    }

    private final FeedCatalog catalog;
    private final FeedOperations operations;
    private final JsonMapper json;
    private final InboundProperties properties;

    FeedController(FeedCatalog catalog, FeedOperations operations, JsonMapper json, InboundProperties properties) {
        this.catalog = catalog;
        this.operations = operations;
        this.json = json;
        this.properties = properties;
    }

    @GetMapping
    @Operation(summary = "The declared feeds with their source weights")
    List<Map<String, Object>> feeds() {
        return catalog.feeds().stream().map(this::describe).toList();
    }

    @GetMapping("/{feed}")
    Map<String, Object> feed(@PathVariable String feed) {
        return describe(catalog.feed(feed).orElseThrow(() -> new FeedOperations.UnknownFeedException(feed)));
    }

    @PostMapping(path = "/{feed}/validate", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE})
    @Operation(summary = "Dry run: validate a body (CSV, or a record feed's binary file) against the feed and stream back every error; nothing is stored")
    void validate(@PathVariable String feed, InputStream body, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        long limit = properties.limits().maxValidateSize().toBytes();
        if (request.getContentLengthLong() > limit) {
            throw new BodyTooLargeException("the request body of " + request.getContentLengthLong()
                    + " bytes is larger than the limit of " + limit + " bytes");
        }
        streamReport(feed, new LimitedInputStream(body, limit), response);
    }

    @PostMapping(path = "/{feed}/validate", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Dry run with a multipart upload (part 'file')")
    void validateUpload(@PathVariable String feed, @RequestPart("file") MultipartFile file, HttpServletResponse response) throws IOException {
        try (var in = file.getInputStream()) {
            streamReport(feed, in, response);
        }
    }

    @PostMapping("/{feed}/merge")
    @Operation(summary = "Merge objects of the feed into one deduplicated object under the merged/ prefix (source weights decide); "
            + "a record feed's merge is written in its record layout, or as CSV with format=csv")
    ResponseEntity<MergeResult> merge(@PathVariable String feed, @Valid @RequestBody MergeRequest request) {
        var format = request.format() == null ? null : FeedOperations.OutputFormat.valueOf(request.format().toUpperCase(java.util.Locale.ROOT));
        var result = operations.merge(feed, request.keys(), request.targetName(), format);
        return ResponseEntity.created(URI.create("s3://" + result.bucket() + "/" + result.key())).body(result);
    }

    @GetMapping("/{feed}/summary")
    @Operation(summary = "Rows, distinct business keys and per-column totals of one object of the inbound bucket")
    FileSummary summary(@PathVariable String feed, @RequestParam @NotBlank String key) {
        return operations.summarize(feed, key);
    }

    /**
     * Writes {"errors": [...], "report": {...}} as the file is read: the errors are streamed, so a file with
     * millions of bad rows gets its full report without the service holding it.
     */
    private void streamReport(String feed, InputStream body, HttpServletResponse response) throws IOException {
        catalog.feed(feed).orElseThrow(() -> new FeedOperations.UnknownFeedException(feed));
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        var out = response.getOutputStream();
        out.write("{\"errors\":[".getBytes(StandardCharsets.UTF_8));
        boolean[] first = {true};
        var report = operations.validate(feed, body, error -> {
            try {
                if (!first[0]) {
                    out.write(',');
                }
                first[0] = false;
                out.write(json.writeValueAsBytes(error));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (body instanceof LimitedInputStream limited && limited.exceeded() && !response.isCommitted()) {
            // nothing has reached the client yet: answer 413 instead of a report of a cut body
            response.resetBuffer();
            throw new BodyTooLargeException("the request body is larger than the limit of "
                    + properties.limits().maxValidateSize().toBytes() + " bytes");
        }
        out.write("],\"report\":".getBytes(StandardCharsets.UTF_8));
        out.write(json.writeValueAsBytes(report));
        out.write('}');
        out.flush();
    }

    private Map<String, Object> describe(FeedDefinition feed) {
        return Map.of("definition", feed, "sourceWeights", catalog.sourceWeights(feed.name()));
    }
}
