package com.tact.inbound.ingestion.aws;

import com.tact.inbound.ingestion.ObjectRef;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the objects named by an S3 event notification as it arrives on SQS: directly from S3, or wrapped in
 * an SNS envelope when the bucket notifies a topic. Several records per message are allowed; the
 * s3:TestEvent sent when a notification is configured names none; only ObjectCreated records count.
 * Keys arrive URL-encoded ({@code dir/a b.txt} as {@code dir%2Fa+b.txt}).
 */
final class S3EventNotification {

    static final class MalformedEventException extends RuntimeException {
        MalformedEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private S3EventNotification() {
    }

    static List<ObjectRef> objectsCreated(JsonMapper json, String body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new MalformedEventException("message body is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedEventException("message body is not a JSON object", null);
        }
        if ("Notification".equals(root.path("Type").asString(null)) && root.has("Message")) {
            return objectsCreated(json, root.path("Message").asString());
        }
        if ("s3:TestEvent".equals(root.path("Event").asString(null))) {
            return List.of();
        }
        var records = root.path("Records");
        if (!records.isArray()) {
            throw new MalformedEventException("not an S3 event notification: no Records array", null);
        }
        var refs = new ArrayList<ObjectRef>();
        for (var record : records) {
            if (!record.path("eventName").asString("").startsWith("ObjectCreated:")) {
                continue;
            }
            var s3 = record.path("s3");
            var bucket = s3.path("bucket").path("name").asString(null);
            var key = s3.path("object").path("key").asString(null);
            if (bucket == null || key == null) {
                throw new MalformedEventException("S3 record without bucket name or object key", null);
            }
            var object = s3.path("object");
            refs.add(new ObjectRef(bucket, URLDecoder.decode(key, StandardCharsets.UTF_8),
                    object.path("versionId").asString(null), unquote(object.path("eTag").asString(null)),
                    object.path("sequencer").asString(null)));
        }
        return refs;
    }

    private static String unquote(String etag) {
        return etag == null ? null : etag.replace("\"", "");
    }
}
