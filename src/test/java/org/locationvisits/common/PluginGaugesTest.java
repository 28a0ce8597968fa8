package org.locationvisits.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.Test;

class PluginGaugesTest {
    private static final Map<String, String> TAGS = Map.of("connector", "c", "task", "0");

    /** A worker may start the new task before the old one stopped: registering must not kill the new one. */
    @Test
    void aRestartedTaskRegistersItsGaugesOnceTheOldInstanceLetGo() throws Exception {
        try (Metrics registry = new Metrics()) {
            PluginMetricsImpl old = new PluginMetricsImpl(registry, TAGS);
            PluginMetricsImpl fresh = new PluginMetricsImpl(registry, TAGS);
            PluginGauges.of(() -> old).gauge("days-behind", "d", () -> 7L);

            PluginGauges gauges = PluginGauges.of(() -> fresh).gauge("days-behind", "d", () -> 0L);
            MetricName name = fresh.metricName("days-behind", "d", new LinkedHashMap<>());
            assertThat(registry.metric(name).metricValue()).as("the old instance still runs").isEqualTo(7L);

            old.close();
            gauges.retryPending();
            assertThat(registry.metric(name).metricValue()).isEqualTo(0L);
        }
    }

    @Test
    void anOlderWorkerWithoutPluginMetricsRegistersNothing() {
        PluginGauges gauges = PluginGauges.of(() -> {
            throw new NoSuchMethodError("pluginMetrics");
        });

        assertThat(gauges.available()).isFalse();
        assertThat(gauges.gauge("days-behind", "d", () -> 1L)).isSameAs(gauges);
    }
}
