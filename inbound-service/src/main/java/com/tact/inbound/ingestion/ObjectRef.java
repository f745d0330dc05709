package com.tact.inbound.ingestion;

/**
 * An object named by an event or a push request. versionId, eTag and sequencer are what the notification
 * carried (real S3 sends all three; the emulator sends none but the ETag); the object's own metadata
 * decides which version is ingested.
 */
public record ObjectRef(String bucket, String key, String versionId, String eTag, String sequencer) {

    public static ObjectRef of(String bucket, String key) {
        return new ObjectRef(bucket, key, null, null, null);
    }
}
