package org.locationvisits.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.locationvisits.offsets.SourceOffsets;

/**
 * The Connect task context of the embedded runner: offsets come from the runner's offset store, and
 * {@link #pluginMetrics()} is backed by a metrics registry reported over JMX, as a Connect worker's is
 * ({@code kafka.connect:type=plugins,connector=shoppertrak-source,task=0}). Close it when the run ends.
 */
final class EmbeddedTaskContext implements SourceTaskContext, AutoCloseable {
    /** The JMX domain a Connect worker uses, so dashboards built for the worker find the same beans. */
    static final String JMX_DOMAIN = "kafka.connect";
    static final Map<String, String> TASK_TAGS = Map.of("connector", "shoppertrak-source", "task", "0");

    private final Map<String, String> configs;
    private final Map<Map<String, Object>, Map<String, Object>> stored;
    private Metrics metrics;
    private PluginMetricsImpl pluginMetrics;
    private boolean closed;

    /** Only a stored {@code last_poll_date}, if any. */
    EmbeddedTaskContext(Map<String, String> configs, Optional<LocalDate> storedOffset) {
        this(configs, storedOffset.<Map<Map<String, Object>, Map<String, Object>>>map(day ->
                Map.of(Map.copyOf(SourceOffsets.PARTITION), Map.copyOf(SourceOffsets.offset(day)))).orElse(Map.of()));
    }

    /** @param stored every stored partition with its offset, as the runner's state object holds them */
    EmbeddedTaskContext(Map<String, String> configs, Map<Map<String, Object>, Map<String, Object>> stored) {
        this.configs = configs;
        this.stored = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stored));
    }

    @Override
    public Map<String, String> configs() {
        return configs;
    }

    /** Made on first use, so a task that registers no metrics costs no registry. */
    @Override
    public synchronized PluginMetrics pluginMetrics() {
        if (closed) {
            throw new IllegalStateException("the run has ended: its plugin metrics are closed");
        }
        if (pluginMetrics == null) {
            JmxReporter jmx = new JmxReporter();
            jmx.configure(Map.of());
            metrics = new Metrics(new MetricConfig(), List.of(jmx), Time.SYSTEM, new KafkaMetricsContext(JMX_DOMAIN));
            // The worker's own implementation (connect-runtime's ConnectMetrics hands out the same class).
            pluginMetrics = new PluginMetricsImpl(metrics, TASK_TAGS);
        }
        return pluginMetrics;
    }

    /** Removes the task's metrics and their JMX beans. */
    @Override
    public synchronized void close() {
        closed = true;
        if (pluginMetrics != null) {
            try {
                pluginMetrics.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                metrics.close();
            }
        }
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
        return new OffsetStorageReader() {
            @Override
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                Map<String, Object> offset = stored.get(partition);
                return offset == null ? null : new HashMap<>(offset);
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
