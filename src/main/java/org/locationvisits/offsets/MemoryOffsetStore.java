package org.locationvisits.offsets;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * An offset kept only for the life of the process: for IGNORE_CACHE runs, which must neither read
 * nor move the shared S3 marker, and for tests.
 */
public final class MemoryOffsetStore implements OffsetStore {
    private LocalDate lastPollDate;

    public MemoryOffsetStore() {
        this(null);
    }

    /** Starts at {@code initial}; null means nothing stored yet. */
    public MemoryOffsetStore(LocalDate initial) {
        this.lastPollDate = initial;
    }

    @Override
    public synchronized Optional<LocalDate> read() {
        return Optional.ofNullable(lastPollDate);
    }

    @Override
    public synchronized void write(LocalDate lastPollDate) {
        this.lastPollDate = Objects.requireNonNull(lastPollDate, "lastPollDate");
    }

    @Override
    public String toString() {
        return "MemoryOffsetStore[" + lastPollDate + "]";
    }
}
