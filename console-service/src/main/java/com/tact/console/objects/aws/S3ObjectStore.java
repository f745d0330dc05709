package com.tact.console.objects.aws;

import com.tact.console.aws.AwsFailures;
import com.tact.console.errors.ConsoleException;
import com.tact.console.errors.ConsoleException.Kind;
import com.tact.console.objects.ObjectStore;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.GetObjectPresignRequest;

/**
 * {@link ObjectStore} on S3, through the S3Client and S3Presigner that Spring Cloud AWS configures (region,
 * credentials, path style; the endpoint from AWS_ENDPOINT_URL or spring.cloud.aws.[s3.]endpoint, the presigner
 * included, so that a presigned URL points where the client does).
 */
@Component
class S3ObjectStore implements ObjectStore {

    private final S3Client s3;
    private final S3Presigner presigner;

    S3ObjectStore(S3Client s3, S3Presigner presigner) {
        this.s3 = s3;
        this.presigner = presigner;
    }

    @Override
    public ObjectPage list(String bucket, String prefix, String delimiter, String continuationToken, int maxKeys) {
        try {
            var page = s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).delimiter(delimiter)
                    .continuationToken(continuationToken).maxKeys(maxKeys));
            var objects = page.contents().stream()
                    .map(o -> new ObjectSummary(o.key(), o.size() == null ? 0 : o.size(), unquote(o.eTag()),
                            o.lastModified(), o.storageClassAsString()))
                    .toList();
            var prefixes = page.commonPrefixes().stream().map(CommonPrefix::prefix).toList();
            boolean truncated = Boolean.TRUE.equals(page.isTruncated());
            return new ObjectPage(bucket, prefix, delimiter, objects, prefixes, truncated,
                    truncated ? page.nextContinuationToken() : null);
        } catch (SdkException e) {
            throw failure(e, "listing s3://" + bucket + "/" + prefix, bucket, null, null);
        }
    }

    @Override
    public ObjectDetails head(String bucket, String key, String versionId) {
        try {
            var head = s3.headObject(b -> b.bucket(bucket).key(key).versionId(versionId));
            return details(bucket, key, head);
        } catch (SdkException e) {
            throw failure(e, "reading the metadata of an object", bucket, key, versionId);
        }
    }

    @Override
    public VersionPage versions(String bucket, String key, String versionIdMarker, int maxKeys) {
        try {
            // versions of `key` and of longer keys starting with it come back together, sorted by key: ours first
            var page = s3.listObjectVersions(b -> b.bucket(bucket).prefix(key).maxKeys(maxKeys)
                    .keyMarker(versionIdMarker == null ? null : key).versionIdMarker(versionIdMarker));
            var versions = new ArrayList<ObjectVersion>();
            for (var v : page.versions()) {
                if (v.key().equals(key)) {
                    versions.add(new ObjectVersion(v.versionId(), Boolean.TRUE.equals(v.isLatest()), false, v.size(),
                            unquote(v.eTag()), v.lastModified()));
                }
            }
            for (var m : page.deleteMarkers()) {
                if (m.key().equals(key)) {
                    versions.add(new ObjectVersion(m.versionId(), Boolean.TRUE.equals(m.isLatest()), true, null, null,
                            m.lastModified()));
                }
            }
            versions.sort((a, b) -> b.lastModified().compareTo(a.lastModified()));
            boolean more = Boolean.TRUE.equals(page.isTruncated()) && key.equals(page.nextKeyMarker());
            if (versions.isEmpty() && versionIdMarker == null) {
                throw ConsoleException.notFound("object-not-found", "no version of key '" + key + "' in bucket " + bucket);
            }
            return new VersionPage(bucket, key, versions, more, more ? page.nextVersionIdMarker() : null);
        } catch (SdkException e) {
            throw failure(e, "listing the versions of an object", bucket, key, null);
        }
    }

    @Override
    public ObjectContent open(String bucket, String key, String versionId) {
        try {
            var stream = s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key).versionId(versionId).build());
            var r = stream.response();
            var details = new ObjectDetails(bucket, key, r.versionId(), r.contentLength() == null ? -1 : r.contentLength(),
                    unquote(r.eTag()), r.lastModified(), r.contentType(), r.metadata());
            return new ObjectContent(details, stream);
        } catch (SdkException e) {
            throw failure(e, "reading an object", bucket, key, versionId);
        }
    }

    @Override
    public PresignedDownload presign(String bucket, String key, String versionId, Duration ttl) {
        try {
            var presigned = presigner.presignGetObject(GetObjectPresignRequest.builder().signatureDuration(ttl)
                    .getObjectRequest(b -> b.bucket(bucket).key(key).versionId(versionId)).build());
            return new PresignedDownload(URI.create(presigned.url().toString()), presigned.expiration());
        } catch (SdkException e) {
            throw failure(e, "presigning a download", bucket, key, versionId);
        }
    }

    @Override
    public String region() {
        return s3.serviceClientConfiguration().region().id();
    }

    private static ObjectDetails details(String bucket, String key, HeadObjectResponse head) {
        return new ObjectDetails(bucket, key, head.versionId(), head.contentLength() == null ? -1 : head.contentLength(),
                unquote(head.eTag()), head.lastModified(), head.contentType(), Map.copyOf(head.metadata()));
    }

    private static ConsoleException failure(SdkException e, String action, String bucket, String key, String versionId) {
        if (e instanceof AwsServiceException ase) {
            String code = AwsFailures.errorCode(ase);
            if ("NoSuchBucket".equals(code)) {
                return new ConsoleException(Kind.UPSTREAM_REFUSED, "configured-bucket-missing", null,
                        "the configured bucket " + bucket + " does not exist in this account", null, e);
            }
            if (key != null && versionId != null
                    && (ase.statusCode() == 405 || "NoSuchVersion".equals(code) || "InvalidArgument".equals(code))) {
                return new ConsoleException(Kind.NOT_FOUND, "version-not-found", "versionId",
                        "no readable version '" + versionId + "' of key '" + key + "' (unknown, or a delete marker)",
                        null, e);
            }
            if (key != null && (ase.statusCode() == 404 || "NoSuchKey".equals(code))) {
                return ConsoleException.notFound("object-not-found", "no object '" + key + "' in bucket " + bucket);
            }
            if (ase.statusCode() == 405) {
                return ConsoleException.notFound("object-deleted", "'" + key + "' is deleted (its latest version is a delete marker)");
            }
            if ("InvalidArgument".equals(code) || "InvalidContinuationToken".equals(code)
                    || "InvalidToken".equals(code)) {
                return ConsoleException.invalid("continuationToken", "continuation-token-invalid",
                        "S3 did not accept the continuation token (" + code + ")");
            }
        }
        return AwsFailures.translate(e, action);
    }

    private static String unquote(String eTag) {
        return eTag == null ? null : eTag.replace("\"", "");
    }
}
