package org.locationvisits.avro;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable in-memory output stream to encode record after record into one array. Unlike
 * {@link java.io.ByteArrayOutputStream} it is not synchronized and exposes its array, because
 * the encoder calls it a few times per field on the hot path.
 */
final class ReusableByteArrayOutputStream extends OutputStream {
    private byte[] bytes;
    private int size;

    ReusableByteArrayOutputStream(int initialCapacity) {
        bytes = new byte[initialCapacity];
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    void reset() {
        size = 0;
    }

    int size() {
        return size;
    }

    /** The backing array; only the first {@link #size()} bytes are meaningful. */
    byte[] array() {
        return bytes;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
