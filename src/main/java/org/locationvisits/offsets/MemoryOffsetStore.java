package org.locationvisits.offsets;

import java.time.LocalDate;
import java.util.Map;
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

    private Map<Map<String, Object>, Map<String, Object>> others = Map.of();
    private Map<String, Object> main;

    @Override
    public synchronized Optional<LocalDate> read() {
        return Optional.ofNullable(lastPollDate);
    }

    @Override
    public synchronized Map<Map<String, Object>, Map<String, Object>> readAll() {
        Map<Map<String, Object>, Map<String, Object>> all = new java.util.LinkedHashMap<>(others);
        if (lastPollDate != null) {
            all.put(Map.copyOf(org.locationvisits.source.SourceOffsets.PARTITION), main != null ? main
                    : Map.copyOf(org.locationvisits.source.SourceOffsets.offset(lastPollDate)));
        }
        return all;
    }

    @Override
    public synchronized void writeAll(Map<Map<String, Object>, Map<String, Object>> offsets) {
        Map<Map<String, Object>, Map<String, Object>> copy = new java.util.LinkedHashMap<>(offsets);
        Map<String, Object> main = copy.remove(org.locationvisits.source.SourceOffsets.PARTITION);
        lastPollDate = org.locationvisits.source.SourceOffsets.lastPollDate(main);
        this.main = main == null ? null : new java.util.LinkedHashMap<>(main);
        others = copy;
    }

    @Override
    public synchronized void write(LocalDate lastPollDate) {
        this.lastPollDate = Objects.requireNonNull(lastPollDate, "lastPollDate");
        this.main = null;
    }

    @Override
    public String toString() {
        return "MemoryOffsetStore[" + lastPollDate + "]";
    }
}
