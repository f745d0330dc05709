package com.tact.testsupport;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The ObjectCreated notification S3 sends, built by hand to deliver one again, late, or to a queue of a test's own.
 * The key is encoded as S3 encodes it (form encoding: a space becomes '+').
 */
public final class S3Events {

    private S3Events() {
    }

    public static String objectCreated(String bucket, String key, String eTag) {
        return """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1","eventName":"ObjectCreated:Put",
                 "s3":{"bucket":{"name":"%s"},"object":{"key":"%s","size":1,"eTag":"%s"}}}]}"""
                .formatted(bucket, URLEncoder.encode(key, StandardCharsets.UTF_8), eTag);
    }
}
