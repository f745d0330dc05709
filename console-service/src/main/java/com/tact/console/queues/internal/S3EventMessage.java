package com.tact.console.queues.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An S3 ObjectCreated notification, shaped as S3 sends it to SQS (event version 2.1), for an object that exists:
 * size, ETag and version id come from a HeadObject of it. The key is URL-encoded as S3 encodes it (a space as '+');
 * slashes stay readable. There is no sequencer: only S3 can assign one.
 */
public final class S3EventMessage {

    private S3EventMessage() {
    }

    public record ObjectFacts(String bucket, String key, long size, String eTag, String versionId) {
    }

    public static String objectCreated(JsonMapper json, String region, ObjectFacts object, Instant now) {
        ObjectNode record = json.createObjectNode();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", region);
        record.put("eventTime", now.toString());
        record.put("eventName", "ObjectCreated:Put");
        record.putObject("userIdentity").put("principalId", "tact-console");
        record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        record.putObject("responseElements");
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", "tact-console-synthetic");
        ObjectNode bucket = s3.putObject("bucket");
        bucket.put("name", object.bucket());
        bucket.put("arn", "arn:aws:s3:::" + object.bucket());
        ObjectNode o = s3.putObject("object");
        o.put("key", encodeKey(object.key()));
        o.put("size", object.size());
        o.put("eTag", object.eTag());
        if (object.versionId() != null && !"null".equals(object.versionId())) {
            o.put("versionId", object.versionId());
        }
        ObjectNode root = json.createObjectNode();
        root.putArray("Records").add(record);
        return json.writeValueAsString(root);
    }

    static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }
}
