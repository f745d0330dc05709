package com.tact.inbound.ingestion;

import java.io.InputStream;
import java.io.OutputStream;

/** Where files come from and where merged files go (S3 in every environment). */
public interface ObjectSource {

    /** @throws ObjectMissingException when the object (version) no longer exists */
    ObjectMetadata head(ObjectRef ref);

    /** A stream of exactly that version's bytes; the caller closes it. */
    InputStream open(ObjectMetadata object);

    /** A stream that becomes the object when closed (buffered on disk, not on the heap). */
    OutputStream create(String bucket, String key, String contentType);

    final class ObjectMissingException extends RuntimeException {
        public ObjectMissingException(String bucket, String key) {
            super("object s3://" + bucket + "/" + key + " no longer exists");
        }
    }
}
