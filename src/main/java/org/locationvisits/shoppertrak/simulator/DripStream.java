package org.locationvisits.shoppertrak.simulator;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * Sends a body one byte at a time with a pause between bytes, as a server that drips does: every read
 * on the other side gets a byte well within its read timeout, so only an overall call deadline ends it.
 */
final class DripStream extends FilterOutputStream {
    private final long pauseMillis;

    private DripStream(OutputStream out, long pauseMillis) {
        super(out);
        this.pauseMillis = pauseMillis;
    }

    /** {@code out} itself when {@code pauseMillis} is 0. */
    static OutputStream of(OutputStream out, long pauseMillis) {
        return pauseMillis > 0 ? new DripStream(out, pauseMillis) : out;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        out.flush();
        try {
            Thread.sleep(pauseMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("drip stopped");
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = 0; i < len; i++) {
            write(b[off + i]);
        }
    }
}
