package org.locationvisits.shoppertrak;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Remembers an I/O failure while the XML parser reads the response. The parser reports a
 * dropped connection as malformed XML; this tells the client it was the network, which is
 * worth a retry, and not bad data, which is not.
 */
final class FailureRecordingStream extends FilterInputStream {
    private IOException failure;

    FailureRecordingStream(InputStream in) {
        super(in);
    }

    IOException failure() {
        return failure;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }
}
