package org.locationvisits.offsets;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.locationvisits.offsets.SourceOffsets;

/**
 * Offsets kept only for the life of the process: for IGNORE_CACHE runs, which must neither read nor move the
 * shared S3 state, and for tests. No rival can exist, so writes never conflict.
 */
public final class MemoryOffsetStore implements OffsetStore {
    private Map<Map<String, Object>, Map<String, Object>> stored = Map.of();

    public MemoryOffsetStore() {
        this(null);
    }

    /** Starts at {@code initial}; null means nothing stored yet. */
    public MemoryOffsetStore(LocalDate initial) {
        if (initial != null) {
            stored = Map.of(mainPartition(), mainOffset(initial));
        }
    }

    @Override
    public synchronized Map<Map<String, Object>, Map<String, Object>> readAll() {
        return stored;
    }

    @Override
    public synchronized void writeAll(Map<Map<String, Object>, Map<String, Object>> offsets) {
        stored = OffsetDocument.checked(offsets);
    }

    @Override
    public synchronized void write(LocalDate lastPollDate) {
        Objects.requireNonNull(lastPollDate, "lastPollDate");
        Map<Map<String, Object>, Map<String, Object>> moved = new LinkedHashMap<>(stored);
        moved.put(mainPartition(), SourceOffsets.moved(stored.get(mainPartition()), lastPollDate, false));
        writeAll(moved);
    }

    static Map<String, Object> mainPartition() {
        return Map.copyOf(SourceOffsets.PARTITION);
    }

    static Map<String, Object> mainOffset(LocalDate day) {
        return Map.copyOf(SourceOffsets.offset(day));
    }

    @Override
    public String toString() {
        return "MemoryOffsetStore[" + stored.get(mainPartition()) + "]";
    }
}
