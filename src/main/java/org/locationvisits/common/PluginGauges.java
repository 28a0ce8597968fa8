package org.locationvisits.common;

import java.util.LinkedHashMap;
import java.util.function.Supplier;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges registered through KIP-877 plugin metrics, where the runtime has them (Kafka 4.1+ workers, the embedded
 * runner); on an older worker, which lacks {@code pluginMetrics()}, registering does nothing.
 */
public final class PluginGauges {
    private static final Logger log = LoggerFactory.getLogger(PluginGauges.class);

    private final PluginMetrics plugin;
    private final java.util.Map<MetricName, Gauge<?>> pending = new java.util.LinkedHashMap<>();

    private PluginGauges(PluginMetrics plugin) {
        this.plugin = plugin;
    }

    /** @param pluginMetrics the context's {@code pluginMetrics()} */
    public static PluginGauges of(Supplier<PluginMetrics> pluginMetrics) {
        try {
            return new PluginGauges(pluginMetrics.get());
        } catch (LinkageError | UnsupportedOperationException olderWorker) {
            return new PluginGauges(null);
        }
    }

    public boolean available() {
        return plugin != null;
    }

    /**
     * Registers a gauge. Metrics never stop a task: a name still held by an earlier instance of the task (a worker
     * may start the new one before the old one has stopped) is registered by {@link #retryPending} once the old
     * instance let go of it.
     */
    public <T> PluginGauges gauge(String name, String description, Supplier<T> value) {
        if (plugin == null) {
            return this;
        }
        MetricName metric = plugin.metricName(name, description, new LinkedHashMap<>());
        Gauge<T> gauge = (config, now) -> value.get();
        if (!register(metric, gauge)) {
            log.warn("Metric {} is still registered by an earlier instance of this task; it is registered again "
                    + "once that instance stops", name);
            synchronized (pending) {
                pending.put(metric, gauge);
            }
        }
        return this;
    }

    /** Registers the gauges an earlier instance still held; cheap when there are none. */
    public void retryPending() {
        synchronized (pending) {
            pending.entrySet().removeIf(entry -> register(entry.getKey(), entry.getValue()));
        }
    }

    private boolean register(MetricName metric, Gauge<?> gauge) {
        try {
            plugin.addMetric(metric, gauge);
            return true;
        } catch (RuntimeException alreadyThere) {
            return false;
        }
    }
}
