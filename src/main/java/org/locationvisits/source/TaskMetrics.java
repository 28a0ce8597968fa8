package org.locationvisits.source;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.locationvisits.common.PluginGauges;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator alarms on, registered through KIP-877 plugin metrics (Kafka 4.1+ workers and the embedded
 * runner; an older worker has none, and the task runs without them). On a worker they are JMX beans
 * {@code kafka.connect:type=plugins,connector=<name>,task=<n>}.
 */
public final class TaskMetrics {
    private static final Logger log = LoggerFactory.getLogger(TaskMetrics.class);

    private final AtomicLong daysEmitted = new AtomicLong();
    private final AtomicLong rowsEmitted = new AtomicLong();
    private final AtomicLong recoveredRows = new AtomicLong();
    private volatile double healthyShare = Double.NaN;
    private volatile double lastFetchSeconds = Double.NaN;
    private PluginGauges gauges;

    /** Registers what an earlier instance of the task still held (see {@link PluginGauges#retryPending}). */
    void retryPending() {
        if (gauges != null) {
            gauges.retryPending();
        }
    }

    /** Registers the metrics with the context's plugin metrics, where the worker has them. */
    static TaskMetrics register(SourceTaskContext context, ShopperTrakSourceTask task) {
        TaskMetrics metrics = new TaskMetrics();
        PluginGauges gauges = PluginGauges.of(context::pluginMetrics);
        metrics.gauges = gauges;
        if (!gauges.available()) {
            log.debug("The worker gives no plugin metrics (Kafka before 4.1); the task runs without them");
            return metrics;
        }
        gauges.gauge("days-behind", "Days between yesterday (New York) and the last day emitted; alarm above 1",
                        () -> task.lastEmittedDay() == null ? 0L
                                : Math.max(0, ChronoUnit.DAYS.between(task.lastEmittedDay(), task.today().minusDays(1))))
                .gauge("last-emitted-day", "The last day emitted, as days since 1970-01-01",
                        () -> task.lastEmittedDay() == null ? 0L : task.lastEmittedDay().toEpochDay())
                .gauge("days-emitted-total", "Days emitted since the task started", metrics.daysEmitted::get)
                .gauge("rows-emitted-total", "Rows of polled days emitted since the task started",
                        metrics.rowsEmitted::get)
                .gauge("last-day-healthy-share", "Share of healthy increments in the last day emitted",
                        () -> metrics.healthyShare)
                .gauge("shoppertrak-calls-total", "ShopperTrak calls since the task started, recovery's included",
                        () -> (long) task.dailyApiCalls() + task.recoveryStats().apiCalls())
                .gauge("recovery-pending-site-days", "Site-days the last recovery pass left for a later one",
                        () -> (long) task.recoveryStats().siteDaysLeft())
                .gauge("recovery-recovered-rows-total", "Rows recovery sent since the task started",
                        () -> task.recoveryStats().rowsRecovered())
                .gauge("last-fetch-seconds", "Seconds the last day's ShopperTrak answer took",
                        () -> metrics.lastFetchSeconds);
        return metrics;
    }

    void dayEmitted(DayStats stats) {
        daysEmitted.incrementAndGet();
        rowsEmitted.addAndGet(stats.rows());
        healthyShare = stats.healthyShare();
        lastFetchSeconds = stats.fetchTime().toMillis() / 1000.0;
    }

}
