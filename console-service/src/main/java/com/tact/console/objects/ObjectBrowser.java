package com.tact.console.objects;

import com.tact.console.config.ConsoleProperties;
import com.tact.console.errors.ConsoleException;
import com.tact.console.objects.ObjectStore.ObjectContent;
import com.tact.console.objects.ObjectStore.ObjectDetails;
import com.tact.console.objects.ObjectStore.ObjectPage;
import com.tact.console.objects.ObjectStore.PresignedDownload;
import com.tact.console.objects.ObjectStore.VersionPage;
import java.util.List;
import org.springframework.stereotype.Service;

/** The S3 side of the console: every call checked against {@link ObjectAccessPolicy} before it reaches the store. */
@Service
public class ObjectBrowser {

    static final int DEFAULT_PAGE = 100;

    private final ObjectStore store;
    private final ObjectAccessPolicy policy;
    private final ConsoleProperties.Objects limits;

    public ObjectBrowser(ObjectStore store, ConsoleProperties properties) {
        this.store = store;
        this.policy = new ObjectAccessPolicy(properties.buckets());
        this.limits = properties.objects();
    }

    public List<ObjectAccessPolicy.AllowedBucket> buckets() {
        return policy.buckets();
    }

    public ObjectPage list(String bucket, String prefix, String delimiter, String continuationToken, Integer maxKeys) {
        String p = prefix == null ? "" : prefix;
        policy.checkPrefix(bucket, p);
        ObjectAccessPolicy.checkToken("continuationToken", continuationToken);
        if (delimiter != null && !delimiter.equals("/")) {
            throw ConsoleException.invalid("delimiter", "delimiter-unsupported", "delimiter may only be '/'");
        }
        return store.list(bucket, p, delimiter, continuationToken, pageSize(maxKeys));
    }

    public ObjectDetails details(String bucket, String key, String versionId) {
        policy.checkKey(bucket, key);
        ObjectAccessPolicy.checkToken("versionId", versionId);
        return store.head(bucket, key, versionId);
    }

    public VersionPage versions(String bucket, String key, String versionIdMarker, Integer maxKeys) {
        policy.checkKey(bucket, key);
        ObjectAccessPolicy.checkToken("versionIdMarker", versionIdMarker);
        return store.versions(bucket, key, versionIdMarker, pageSize(maxKeys));
    }

    public ObjectContent open(String bucket, String key, String versionId) {
        policy.checkKey(bucket, key);
        ObjectAccessPolicy.checkToken("versionId", versionId);
        return store.open(bucket, key, versionId);
    }

    public PresignedDownload presign(String bucket, String key, String versionId) {
        policy.checkKey(bucket, key);
        ObjectAccessPolicy.checkToken("versionId", versionId);
        store.head(bucket, key, versionId); // 404 now rather than a URL that answers 404 later
        return store.presign(bucket, key, versionId, limits.presignTtl());
    }

    /** At most the configured cap (S3 itself stops at 1000); nothing below 1. */
    private int pageSize(Integer maxKeys) {
        if (maxKeys == null) {
            return Math.min(DEFAULT_PAGE, limits.maxKeys());
        }
        if (maxKeys < 1) {
            throw ConsoleException.invalid("maxKeys", "maxKeys-out-of-range", "maxKeys must be at least 1");
        }
        return Math.min(maxKeys, limits.maxKeys());
    }
}
