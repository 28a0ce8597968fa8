package org.locationvisits.shoppertrak;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * Compresses every byte the parser reads, as it reads it, so the answer can be kept byte for byte
 * without ever holding the uncompressed body (an answer can be 50 MB of XML; gzip makes it a few MB).
 */
final class GzipTeeStream extends FilterInputStream {
    private final ByteArrayOutputStream compressed = new ByteArrayOutputStream(1 << 16);
    private final GZIPOutputStream gzip;

    GzipTeeStream(InputStream in) {
        super(in);
        try {
            gzip = new GZIPOutputStream(compressed, 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: a byte array does not fail", e);
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            gzip.write(b);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            gzip.write(b, off, n);
        }
        return n;
    }

    /** Skipped bytes are part of the answer too: read them through the tee. */
    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 8192)];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    /**
     * Left open: the JDK's XML reader closes its input at the end of the document, before the
     * bytes after the root element were read. The response that owns the body closes it.
     */
    @Override
    public void close() {
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Reads what the parser left (trailing whitespace) and returns the whole body, gzip-compressed. */
    byte[] drainAndFinish() throws IOException {
        byte[] buffer = new byte[8192];
        while (read(buffer, 0, buffer.length) >= 0) {
            // Each read goes through the tee.
        }
        gzip.finish();
        return compressed.toByteArray();
    }
}
