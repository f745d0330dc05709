package com.tact.console.objects;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The object store as the console needs it: list, describe, list versions, read, presign. */
public interface ObjectStore {

    ObjectPage list(String bucket, String prefix, String delimiter, String continuationToken, int maxKeys);

    ObjectDetails head(String bucket, String key, String versionId);

    VersionPage versions(String bucket, String key, String versionIdMarker, int maxKeys);

    /** An open stream over the object's bytes: the caller closes it. */
    ObjectContent open(String bucket, String key, String versionId);

    PresignedDownload presign(String bucket, String key, String versionId, Duration ttl);

    /** The region of the buckets, as an S3 event notification names it. */
    String region();

    record ObjectSummary(String key, long size, String eTag, Instant lastModified, String storageClass) {
    }

    record ObjectPage(String bucket, String prefix, String delimiter, List<ObjectSummary> objects,
                      List<String> commonPrefixes, boolean truncated, String nextContinuationToken) {
    }

    record ObjectDetails(String bucket, String key, String versionId, long size, String eTag, Instant lastModified,
                         String contentType, Map<String, String> userMetadata) {
    }

    record ObjectVersion(String versionId, boolean latest, boolean deleteMarker, Long size, String eTag,
                         Instant lastModified) {
    }

    record VersionPage(String bucket, String key, List<ObjectVersion> versions, boolean truncated,
                       String nextVersionIdMarker) {
    }

    record ObjectContent(ObjectDetails details, InputStream stream) implements AutoCloseable {
        @Override
        public void close() throws java.io.IOException {
            stream.close();
        }
    }

    record PresignedDownload(URI url, Instant expiresAt) {
    }
}
