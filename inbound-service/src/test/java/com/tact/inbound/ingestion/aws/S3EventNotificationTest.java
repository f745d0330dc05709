package com.tact.inbound.ingestion.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tact.inbound.ingestion.ObjectRef;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class S3EventNotificationTest {

    private final JsonMapper json = JsonMapper.builder().build();

    private static String record(String event, String key, String extra) {
        return """
                {"eventName":"%s","s3":{"bucket":{"name":"in"},"object":{"key":"%s","size":10,"eTag":"abc"%s}}}"""
                .formatted(event, key, extra);
    }

    @Test
    void keysAreUrlDecodedAndEveryCreatedRecordCounts() {
        var body = "{\"Records\":[" + record("ObjectCreated:Put", "incoming%2Fallocations%2Fa+b+%C3%A9.csv", ",\"versionId\":\"v1\",\"sequencer\":\"0A1\"")
                + "," + record("ObjectTagging:Put", "x", "")
                + "," + record("ObjectCreated:CompleteMultipartUpload", "incoming/x%2By.csv", "") + "]}";
        assertThat(S3EventNotification.objectsCreated(json, body)).containsExactly(
                new ObjectRef("in", "incoming/allocations/a b é.csv", "v1", "abc", "0A1"),
                new ObjectRef("in", "incoming/x+y.csv", null, "abc", null));
    }

    @Test
    void testEventNamesNoObject() {
        assertThat(S3EventNotification.objectsCreated(json,
                "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":\"2026-11-25T00:00:00Z\",\"Bucket\":\"in\"}")).isEmpty();
    }

    @Test
    void snsEnvelopeIsUnwrapped() {
        var inner = "{\"Records\":[" + record("ObjectCreated:Put", "k.csv", "") + "]}";
        var envelope = "{\"Type\":\"Notification\",\"Message\":" + json.writeValueAsString(inner) + "}";
        assertThat(S3EventNotification.objectsCreated(json, envelope)).extracting(ObjectRef::key).containsExactly("k.csv");
    }

    @Test
    void somethingElseIsMalformed() {
        assertThatThrownBy(() -> S3EventNotification.objectsCreated(json, "not json"))
                .isInstanceOf(S3EventNotification.MalformedEventException.class);
        assertThatThrownBy(() -> S3EventNotification.objectsCreated(json, "{\"hello\":1}"))
                .isInstanceOf(S3EventNotification.MalformedEventException.class)
                .hasMessageContaining("no Records");
    }
}
