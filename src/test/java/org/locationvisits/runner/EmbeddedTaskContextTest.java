package org.locationvisits.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.locationvisits.runner.RunnerFixtures.encoder;
import static org.locationvisits.runner.RunnerFixtures.props;
import static org.locationvisits.runner.RunnerFixtures.rows;

import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.junit.jupiter.api.Test;
import org.locationvisits.offsets.MemoryOffsetStore;
import org.locationvisits.source.ShopperTrakSourceTask;
import org.locationvisits.metrics.RunSummary;

class EmbeddedTaskContextTest {
    private static final LocalDate START = LocalDate.parse("2024-03-24");
    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    @Test
    void aMetricTheTaskRegistersIsReadableOverJmxUntilClosed() throws Exception {
        EmbeddedTaskContext context = new EmbeddedTaskContext(Map.of(), Optional.empty());
        PluginMetrics metrics = context.pluginMetrics();
        MetricName name = metrics.metricName("days-fetched", "Days fetched so far", new LinkedHashMap<>());
        metrics.addMetric(name, (Gauge<Integer>) (config, now) -> 42);
        ObjectName bean = new ObjectName("kafka.connect:type=plugins,connector=shoppertrak-source,task=0");

        assertThat(JMX.getAttribute(bean, "days-fetched")).isEqualTo(42);

        context.close();
        assertThat(JMX.isRegistered(bean)).isFalse();
        assertThatThrownBy(context::pluginMetrics).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theRunnerGivesTheTaskMetricsForTheRunAndRemovesThemAfterwards() throws Exception {
        ObjectName bean = new ObjectName("kafka.connect:type=plugins,connector=shoppertrak-source,task=0");
        AtomicInteger fetched = new AtomicInteger();
        AtomicReference<Object> readDuringRun = new AtomicReference<>();
        EmbeddedRunner.TaskFactory counting = progress -> new ShopperTrakSourceTask(RunnerFixtures.services(day -> {
            fetched.incrementAndGet();
            try {
                readDuringRun.set(JMX.getAttribute(bean, "days-fetched"));
            } catch (Exception e) {
                readDuringRun.set(e);
            }
            return rows(day, 1);
        }), RunnerFixtures.CLOCK, progress) {
            @Override
            public void start(Map<String, String> props) {
                PluginMetrics metrics = context.pluginMetrics();
                metrics.addMetric(metrics.metricName("days-fetched", "Days fetched so far", new LinkedHashMap<>()),
                        (Gauge<Integer>) (config, now) -> fetched.get());
                super.start(props);
            }
        };

        RunSummary summary = RunnerFixtures.runner(counting, props(START, START.plusDays(2)),
                new MemoryOffsetStore(START), entries -> { }, false, false).build().run();

        assertThat(summary.exitCode()).isZero();
        assertThat(readDuringRun.get()).isEqualTo(2);
        assertThat(JMX.isRegistered(bean)).isFalse();
    }
}
