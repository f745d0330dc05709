package com.tact.inbound.web;

import com.tact.inbound.ingestion.InputLimitExceededException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body read up to a limit, whether or not it declared its length: a chunked body has no
 * Content-Length to refuse it by, so the count is kept while it is read and reading stops past the limit.
 */
final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private long count;
    private boolean exceeded;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    boolean exceeded() {
        return exceeded;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, (int) Math.min(length, limit - count + 1));
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(n, limit - count + 1));
        count(skipped);
        return skipped;
    }

    private void count(long n) throws InputLimitExceededException {
        count += n;
        if (count > limit) {
            exceeded = true;
            throw new InputLimitExceededException("the request body is larger than the limit of " + limit + " bytes");
        }
    }
}
