package org.locationvisits.testsupport;

import java.util.Collection;
import java.util.Map;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/** A source task's context as a worker gives it, over offsets a test chose: no configs. */
public final class TaskContexts {
    private TaskContexts() {
    }

    /** @param committed each partition's last committed offset; a partition not in it has none */
    public static SourceTaskContext of(Map<? extends Map<String, ?>, ? extends Map<String, ?>> committed) {
        return of(committed, null);
    }

    /** As {@link #of(Map)}, with the worker's plugin metrics (null: none). */
    public static SourceTaskContext of(Map<? extends Map<String, ?>, ? extends Map<String, ?>> committed,
                                       PluginMetrics metrics) {
        return new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return Map.of();
            }

            @Override
            public PluginMetrics pluginMetrics() {
                return metrics;
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return new OffsetStorageReader() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> Map<String, Object> offset(Map<String, T> partition) {
                        return (Map<String, Object>) committed.get(partition);
                    }

                    @Override
                    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                        throw new UnsupportedOperationException();
                    }
                };
            }
        };
    }
}
