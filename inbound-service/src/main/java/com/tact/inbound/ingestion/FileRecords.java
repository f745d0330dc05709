package com.tact.inbound.ingestion;

import java.util.List;

/** The records of an ingested record-feed file, decoded for people to read: each field's value and raw bytes. */
public interface FileRecords {

    /**
     * Decodes {@code limit} records from the {@code offset}-th (0: the first record) of the exact object version the
     * ledger row ingested, streaming past the ones before.
     *
     * @throws java.util.NoSuchElementException when there is no such ledger row
     * @throws IllegalArgumentException when the file is not of a record feed
     * @throws ObjectSource.ObjectMissingException when the object version no longer exists
     */
    RecordPage read(long fileId, long offset, int limit);

    record RecordPage(long fileId, String feed, String key, String codePage, long offset, List<DecodedRecord> records, boolean more) {
    }

    /** One record: its number (1-based), where it starts, its type (header, detail, trailer, or null when unknown). */
    record DecodedRecord(long number, long byteOffset, int length, String type, List<DecodedField> fields, String problem) {
    }

    /** One field: name (subscripted when under OCCURS), picture, where it is, the value or the problem, the bytes in hex. */
    record DecodedField(String name, String picture, long byteOffset, String value, String hex, String problem) {
    }
}
