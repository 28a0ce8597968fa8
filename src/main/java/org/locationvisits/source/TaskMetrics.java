package org.locationvisits.source;

import java.time.temporal.ChronoUnit;

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

    private final PluginGauges gauges;

    private TaskMetrics(PluginGauges gauges) {
        this.gauges = gauges;
    }

    /** Registers what an earlier instance of the task still held (see {@link PluginGauges#retryPending}). */
    void retryPending() {
        gauges.retryPending();
    }

    /** Registers the metrics with the context's plugin metrics, where the worker has them. */
    static TaskMetrics register(SourceTaskContext context, PollProgress progress) {
        PluginGauges gauges = PluginGauges.of(context::pluginMetrics);
        TaskMetrics metrics = new TaskMetrics(gauges);
        if (!gauges.available()) {
            log.debug("The worker gives no plugin metrics (Kafka before 4.1); the task runs without them");
            return metrics;
        }
        gauges.gauge("days-behind", "Days between yesterday (New York) and the last day emitted; alarm above 1",
                        () -> daysBehind(progress.totals()))
                .gauge("last-emitted-day", "The last day emitted, as days since 1970-01-01",
                        () -> progress.totals().lastEmitted() == null ? 0L
                                : progress.totals().lastEmitted().toEpochDay())
                .gauge("days-emitted-total", "Days emitted since the task started", progress::daysEmitted)
                .gauge("rows-emitted-total", "Rows of polled days emitted since the task started",
                        progress::rowsEmitted)
                .gauge("last-day-healthy-share", "Share of healthy increments in the last day emitted",
                        () -> progress.lastPolledDay().map(DayStats::healthyShare).orElse(Double.NaN))
                .gauge("shoppertrak-calls-total", "ShopperTrak calls since the task started, recovery's included",
                        () -> (long) progress.totals().dailyApiCalls() + progress.totals().recovery().apiCalls())
                .gauge("recovery-pending-site-days", "Site-days the last recovery pass left for a later one",
                        () -> (long) progress.totals().recovery().siteDaysLeft())
                .gauge("recovery-recovered-rows-total", "Rows recovery sent since the task started",
                        () -> progress.totals().recovery().rowsRecovered())
                .gauge("sites-new", "Sites in the last answer the all-sites list lacks (without a list: first seen "
                        + "that day); alarm above 0 and update the list", () -> (long) progress.drift().newSites())
                .gauge("sites-gone", "Sites of the all-sites list absent from 3 answers in a row, not answered since; "
                        + "alarm above 0 and update the list", () -> (long) progress.drift().goneSites())
                .gauge("last-fetch-seconds", "Seconds the last day's ShopperTrak answer took",
                        () -> progress.lastPolledDay().map(d -> d.fetchTime().toMillis() / 1000.0).orElse(Double.NaN));
        return metrics;
    }

    private static long daysBehind(PollProgress.Totals totals) {
        return totals.lastEmitted() == null || totals.today() == null ? 0L
                : Math.max(0, ChronoUnit.DAYS.between(totals.lastEmitted(), totals.today().minusDays(1)));
    }
}
