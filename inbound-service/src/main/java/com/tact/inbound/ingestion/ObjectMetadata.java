package com.tact.inbound.ingestion;

import java.time.Instant;

/** What HeadObject said of one object version; {@link #versionTag()} identifies it in the ledger. */
public record ObjectMetadata(String bucket, String key, String versionId, String eTag, long size, Instant lastModified) {

    /** The version id in a versioned bucket, else the ETag: equal content is the same version. */
    public String versionTag() {
        return versionId != null && !versionId.isBlank() && !"null".equals(versionId) ? versionId : "etag:" + eTag;
    }
}
