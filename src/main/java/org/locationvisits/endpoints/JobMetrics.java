package org.locationvisits.endpoints;

import java.util.function.DoubleSupplier;

import org.locationvisits.source.DayStats;
import org.locationvisits.source.PollProgress;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

/**
 * The main job's metrics for {@code GET /metrics}: the task's plugin metrics (JMX on a worker, see
 * {@code TaskMetrics}) and EMF's delivered days and rows, under Prometheus names ({@value #PREFIX} prefix,
 * snake_case, base units, {@code _total} on counters). Each is read from the job's state at scrape time, so a
 * scrape never waits for the poll loop nor holds it up.
 */
public final class JobMetrics {
    static final String PREFIX = "location_visits_";

    private JobMetrics() {
    }

    /** A registry holding the job's metrics, read from {@code progress}, {@code readiness} and {@code delivered}. */
    public static PrometheusRegistry registry(PollProgress progress, Readiness readiness, DeliveredCounts delivered) {
        PrometheusRegistry registry = new PrometheusRegistry();
        gauge(registry, "days_behind", null, "Days between yesterday (New York) and the last day emitted; "
                + "alarm above 1", readiness::daysBehind);
        gauge(registry, "last_emitted_day_timestamp_seconds", Unit.SECONDS, "The last day emitted, as the Unix "
                + "time of its start (00:00 UTC); 0 before the task has read its offset",
                () -> progress.totals().lastEmitted() == null ? 0
                        : progress.totals().lastEmitted().toEpochDay() * 86_400.0);
        gauge(registry, "last_day_healthy_ratio", Unit.RATIO, "Share of healthy increments in the last day "
                + "emitted (NaN before the first)",
                () -> progress.lastPolledDay().map(DayStats::healthyShare).orElse(Double.NaN));
        gauge(registry, "last_fetch_seconds", Unit.SECONDS, "Seconds the last day's ShopperTrak answer took "
                + "(NaN before the first)",
                () -> progress.lastPolledDay().map(d -> d.fetchTime().toMillis() / 1000.0).orElse(Double.NaN));
        gauge(registry, "recovery_pending_site_days", null, "Site-days the last recovery pass left for a later one",
                () -> progress.totals().recovery().siteDaysLeft());
        counter(registry, "days_emitted", "Days of the daily poll emitted since the job started",
                progress::daysEmitted);
        counter(registry, "rows_emitted", "Rows of polled days emitted since the job started", progress::rowsEmitted);
        counter(registry, "days_delivered", "Days delivered to Kinesis (offset stored) since the job started",
                delivered::days);
        counter(registry, "rows_delivered", "Rows of the days delivered to Kinesis since the job started",
                delivered::rows);
        counter(registry, "shoppertrak_calls", "ShopperTrak calls since the job started, recovery's included",
                () -> (double) progress.totals().dailyApiCalls() + progress.totals().recovery().apiCalls());
        counter(registry, "recovery_recovered_rows", "Rows recovery sent since the job started",
                () -> progress.totals().recovery().rowsRecovered());
        return registry;
    }

    private static void gauge(PrometheusRegistry registry, String name, Unit unit, String help, DoubleSupplier value) {
        GaugeWithCallback.Builder builder = GaugeWithCallback.builder().name(PREFIX + name).help(help)
                .callback(callback -> callback.call(value.getAsDouble()));
        if (unit != null) {
            builder.unit(unit);
        }
        builder.register(registry);
    }

    /** A counter named {@code name} plus {@code _total}. */
    private static void counter(PrometheusRegistry registry, String name, String help, DoubleSupplier value) {
        CounterWithCallback.builder().name(PREFIX + name).help(help)
                .callback(callback -> callback.call(value.getAsDouble())).register(registry);
    }
}
