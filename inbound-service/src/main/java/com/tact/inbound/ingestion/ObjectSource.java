package com.tact.inbound.ingestion;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Where files come from and where merged files go (S3 in every environment). */
public interface ObjectSource {

    /** @throws ObjectMissingException when the object (version) no longer exists */
    ObjectMetadata head(ObjectRef ref);

    /** A stream of exactly that version's bytes; the caller closes it. */
    InputStream open(ObjectMetadata object);

    /** An object being written, uploaded in parts as it grows (never whole on the heap); nothing exists under the key until it is completed. */
    NewObject create(String bucket, String key, String contentType);

    /** An object being written. Either {@link #complete()} or {@link #abort()}; abort after complete does nothing. */
    interface NewObject extends AutoCloseable {

        OutputStream stream();

        /** Stores what was written as the object. */
        void complete() throws IOException;

        /** Discards what was written (and any multipart upload begun); the object is not created. */
        void abort();

        /** Aborts unless completed: a failure half-way never leaves a truncated object behind. */
        @Override
        default void close() {
            abort();
        }
    }

    final class ObjectMissingException extends RuntimeException {
        public ObjectMissingException(String bucket, String key) {
            super("object s3://" + bucket + "/" + key + " no longer exists");
        }
    }
}
