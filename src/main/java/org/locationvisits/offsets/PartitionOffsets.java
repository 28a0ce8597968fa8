package org.locationvisits.offsets;

import java.util.Map;

/**
 * Where the embedded runner keeps the task's offsets of partitions other than {@code allsites} (its recovery
 * memory, its call count), beside the state object, whose content stays the Python poller's.
 */
public interface PartitionOffsets {
    /** Every stored partition with its offset; empty when nothing is stored yet. */
    Map<Map<String, Object>, Map<String, Object>> read();

    /** Replaces what is stored. */
    void write(Map<Map<String, Object>, Map<String, Object>> offsets);

    /** Kept in memory only, as with IGNORE_CACHE. */
    static PartitionOffsets inMemory() {
        return new PartitionOffsets() {
            private Map<Map<String, Object>, Map<String, Object>> stored = Map.of();

            @Override
            public synchronized Map<Map<String, Object>, Map<String, Object>> read() {
                return stored;
            }

            @Override
            public synchronized void write(Map<Map<String, Object>, Map<String, Object>> offsets) {
                stored = Map.copyOf(offsets);
            }
        };
    }
}
