package com.tact.console.objects.web;

import com.tact.console.objects.ObjectAccessPolicy.AllowedBucket;
import com.tact.console.objects.ObjectBrowser;
import com.tact.console.objects.ObjectStore.ObjectContent;
import com.tact.console.objects.ObjectStore.ObjectDetails;
import com.tact.console.objects.ObjectStore.ObjectPage;
import com.tact.console.objects.ObjectStore.PresignedDownload;
import com.tact.console.objects.ObjectStore.VersionPage;
import com.tact.shared.logging.LogSafe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.Principal;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The suite's S3 objects for operators. Viewers look (buckets, listings, metadata, versions); the bytes of an
 * object (download, presigned URL) need an operator: files carry business data. Keys travel as the {@code key}
 * query parameter, never in the path, so that slashes and dots reach the access policy as they are.
 */
@RestController
@RequestMapping("/api/s3/buckets")
class ObjectController {

    private static final Logger log = LoggerFactory.getLogger(ObjectController.class);

    private final ObjectBrowser browser;

    ObjectController(ObjectBrowser browser) {
        this.browser = browser;
    }

    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    List<AllowedBucket> buckets() {
        return browser.buckets();
    }

    @GetMapping("/{bucket}/objects")
    @PreAuthorize("hasRole('VIEWER')")
    ObjectPage list(@PathVariable String bucket,
                    @RequestParam(required = false) String prefix,
                    @RequestParam(required = false) String delimiter,
                    @RequestParam(required = false) String continuationToken,
                    @RequestParam(required = false) Integer maxKeys) {
        return browser.list(bucket, prefix, delimiter, continuationToken, maxKeys);
    }

    @GetMapping("/{bucket}/object")
    @PreAuthorize("hasRole('VIEWER')")
    ObjectDetails details(@PathVariable String bucket, @RequestParam String key,
                          @RequestParam(required = false) String versionId) {
        return browser.details(bucket, key, versionId);
    }

    @GetMapping("/{bucket}/object/versions")
    @PreAuthorize("hasRole('VIEWER')")
    VersionPage versions(@PathVariable String bucket, @RequestParam String key,
                         @RequestParam(required = false) String versionIdMarker,
                         @RequestParam(required = false) Integer maxKeys) {
        return browser.versions(bucket, key, versionIdMarker, maxKeys);
    }

    /** Streams the object from S3 to the caller; the object is never held in memory. */
    @GetMapping("/{bucket}/object/content")
    @PreAuthorize("hasRole('OPERATOR')")
    ResponseEntity<StreamingResponseBody> download(@PathVariable String bucket, @RequestParam String key,
                                                   @RequestParam(required = false) String versionId,
                                                   Principal principal) {
        ObjectContent content = browser.open(bucket, key, versionId);
        ObjectDetails d = content.details();
        log.info("{} downloads s3://{}/{} (version {}, {} bytes)", LogSafe.text(principal.getName()), bucket,
                LogSafe.text(key), LogSafe.text(d.versionId()), d.size());
        var headers = new HttpHeaders();
        headers.set(HttpHeaders.CONTENT_DISPOSITION, AttachmentHeader.forKey(key));
        headers.setContentType(mediaType(d.contentType()));
        if (d.size() >= 0) {
            headers.setContentLength(d.size());
        }
        if (d.eTag() != null) {
            headers.setETag("\"" + d.eTag() + "\"");
        }
        if (d.lastModified() != null) {
            headers.setLastModified(d.lastModified());
        }
        if (d.versionId() != null) {
            headers.set("X-Object-Version-Id", d.versionId());
        }
        StreamingResponseBody body = out -> {
            try (content) {
                content.stream().transferTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException("download of " + LogSafe.text(key) + " cut", e);
            }
        };
        return ResponseEntity.ok().headers(headers).body(body);
    }

    @PostMapping("/{bucket}/object/presigned-url")
    @PreAuthorize("hasRole('OPERATOR')")
    PresignedDownload presign(@PathVariable String bucket, @RequestParam String key,
                              @RequestParam(required = false) String versionId, Principal principal) {
        var presigned = browser.presign(bucket, key, versionId);
        log.info("{} presigned a download of s3://{}/{} (version {}) valid until {}", LogSafe.text(principal.getName()),
                bucket, LogSafe.text(key), LogSafe.text(versionId), presigned.expiresAt());
        return presigned;
    }

    private static MediaType mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
        try {
            return MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }
}
