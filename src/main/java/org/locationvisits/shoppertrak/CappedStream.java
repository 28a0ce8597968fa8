package org.locationvisits.shoppertrak;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes of an answer as they stream in and refuses to read past a cap, so an oversized answer
 * fails with a clear error while the rows read so far are still few, not with the heap full.
 */
final class CappedStream extends FilterInputStream {
    /** The answer went past the cap; not a network failure, so never retried. */
    static final class TooLarge extends IOException {
        TooLarge(long cap) {
            super("ShopperTrak answer is larger than " + cap + " bytes (SHOPPERTRAK_MAX_ANSWER_BYTES); refused "
                    + "before reading it all");
        }
    }

    private final long cap;
    private long count;

    CappedStream(InputStream in, long cap) {
        super(in);
        this.cap = cap;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        add(skipped);
        return skipped;
    }

    private void add(long n) throws TooLarge {
        count += n;
        if (count > cap) {
            throw new TooLarge(cap);
        }
    }
}
