package org.locationvisits.shoppertrak;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/** Test helper: the body a kept answer holds. */
final class RawAnswers {
    private RawAnswers() {
    }

    static byte[] gunzip(RawAnswer raw) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw.gzipped()))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
