package com.tact.inbound.ingestion.aws;

import com.tact.inbound.ingestion.ObjectMetadata;
import com.tact.inbound.ingestion.ObjectRef;
import com.tact.inbound.ingestion.ObjectSource;
import io.awspring.cloud.s3.S3OutputStream;
import io.awspring.cloud.s3.S3OutputStreamProvider;
import io.awspring.cloud.s3.S3Resource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Objects in S3. HeadObject names the version (version id in a versioned bucket, else the ETag) and
 * GetObject reads exactly that version as a stream: by version id, or with If-Match on the ETag so that an
 * object overwritten meanwhile is not read as if it were the one claimed.
 */
@Component
class S3ObjectSource implements ObjectSource {

    private static final Logger log = LoggerFactory.getLogger(S3ObjectSource.class);

    private final S3Client s3;
    private final S3OutputStreamProvider outputStreams;

    S3ObjectSource(S3Client s3, S3OutputStreamProvider outputStreams) {
        this.s3 = s3;
        this.outputStreams = outputStreams;
    }

    @Override
    public ObjectMetadata head(ObjectRef ref) {
        try {
            var head = s3.headObject(HeadObjectRequest.builder().bucket(ref.bucket()).key(ref.key()).versionId(ref.versionId()).build());
            return new ObjectMetadata(ref.bucket(), ref.key(), head.versionId(), unquote(head.eTag()),
                    head.contentLength() == null ? 0 : head.contentLength(), head.lastModified());
        } catch (NoSuchKeyException e) {
            throw new ObjectMissingException(ref.bucket(), ref.key());
        } catch (S3Exception e) {
            if (e.statusCode() == 404 || e.statusCode() == 400 && ref.versionId() != null) {
                throw new ObjectMissingException(ref.bucket(), ref.key());
            }
            throw e;
        }
    }

    @Override
    public InputStream open(ObjectMetadata object) {
        var request = GetObjectRequest.builder().bucket(object.bucket()).key(object.key());
        if (object.versionId() != null && !"null".equals(object.versionId())) {
            request.versionId(object.versionId());
        } else {
            request.ifMatch('"' + object.eTag() + '"');
        }
        return s3.getObject(request.build(), ResponseTransformer.toInputStream());
    }

    @Override
    public NewObject create(String bucket, String key, String contentType) {
        var resource = new S3Resource(bucket, key, s3, outputStreams);
        resource.setObjectMetadata(io.awspring.cloud.s3.ObjectMetadata.builder().contentType(contentType).build());
        OutputStream out;
        try {
            out = resource.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new S3NewObject(out);
    }

    /** Spring Cloud AWS's S3OutputStream completes the upload on close and can abort it instead. */
    private static final class S3NewObject implements NewObject {
        private final OutputStream out;
        private boolean done;

        S3NewObject(OutputStream out) {
            this.out = out;
        }

        @Override
        public OutputStream stream() {
            return out;
        }

        @Override
        public void complete() throws IOException {
            done = true;
            out.close();
        }

        @Override
        public void abort() {
            if (done) {
                return;
            }
            done = true;
            try {
                if (out instanceof S3OutputStream s3Out) {
                    s3Out.abort();
                }
            } catch (IOException e) {
                // an abandoned multipart upload is reclaimed by the bucket's lifecycle rule; nothing was stored
                log.warn("aborting an upload failed: {}", e.toString());
            }
        }
    }

    private static String unquote(String etag) {
        return etag == null ? null : etag.replace("\"", "");
    }
}
