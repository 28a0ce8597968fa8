package org.locationvisits.runner;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.locationvisits.source.SourceOffsets;

/** The Connect task context of the embedded runner: offsets come from the runner's offset store. */
final class EmbeddedTaskContext implements SourceTaskContext {
    private final Map<String, String> configs;
    private final Optional<LocalDate> storedOffset;

    EmbeddedTaskContext(Map<String, String> configs, Optional<LocalDate> storedOffset) {
        this.configs = configs;
        this.storedOffset = storedOffset;
    }

    @Override
    public Map<String, String> configs() {
        return configs;
    }

    /** No metrics registry outside a worker; the task registers no metrics. */
    @Override
    public PluginMetrics pluginMetrics() {
        return null;
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
        return new OffsetStorageReader() {
            @Override
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                if (!SourceOffsets.PARTITION.equals(partition) || storedOffset.isEmpty()) {
                    return null;
                }
                return new HashMap<>(SourceOffsets.offset(storedOffset.get()));
            }

            @Override
            public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                Map<Map<String, T>, Map<String, Object>> result = new HashMap<>();
                for (Map<String, T> partition : partitions) {
                    result.put(partition, offset(partition));
                }
                return result;
            }
        };
    }
}
