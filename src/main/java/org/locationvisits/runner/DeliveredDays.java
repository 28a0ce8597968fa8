package org.locationvisits.runner;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.apache.kafka.connect.source.SourceRecord;
import org.locationvisits.source.DayStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.locationvisits.metrics.RunReporter;

/** What a run delivered, day by day: one log line per day an operator cares about, the counts of the run's summary. */
final class DeliveredDays {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedRunner.class);

    private final boolean dryRun;
    private final RunReporter reporter;
    private int days;
    private long rows;
    private int apiCalls;

    DeliveredDays(boolean dryRun, RunReporter reporter) {
        this.dryRun = dryRun;
        this.reporter = reporter;
    }

    /**
     * The last piece of a polled day is delivered.
     *
     * @param offset     the stored offset as it stands, for a recovered batch's line
     * @param takenNanos {@link System#nanoTime()} when the day was taken for delivery
     */
    void dayDone(DayPrefetcher.Polled.Day polled, String offset, long takenNanos) {
        List<SourceRecord> records = polled.records();
        DayStats fetched = polled.stats();
        LocalDate day = polled.day();
        if (records.isEmpty()) {
            log.info("{} {}: no rows to send{}", dryRun ? "Dry run" : "Dealt with", day,
                    dryRun ? "; stored offset not moved" : "; offset moves to it");
            return;
        }
        if (fetched != null && fetched.recovered()) {
            log.info("{} {} recovered row(s); offset stays {}", dryRun ? "Dry run:" : "Delivered", records.size(),
                    offset);
            return;
        }
        days++;
        rows += records.size();
        if (fetched != null && !dryRun) {
            reporter.dayDelivered(fetched);
        }
        DayStats stats = fetched != null ? fetched : new DayStats(day, records.size(), 0, 0, Duration.ZERO);
        apiCalls += stats.apiCalls();
        log.info("{} {}: {} rows, {}% healthy, {} API call(s), {} s{}", dryRun ? "Dry run" : "Delivered", day,
                records.size(), String.format("%.1f", stats.healthyShare() * 100), stats.apiCalls(),
                String.format("%.1f", (System.nanoTime() - takenNanos) / 1e9 + stats.fetchTime().toMillis() / 1e3),
                dryRun ? "; nothing sent, stored offset not moved" : "; offset moves to " + day);
    }

    int days() {
        return days;
    }

    long rows() {
        return rows;
    }

    /** ShopperTrak calls of the days delivered so far. */
    int apiCalls() {
        return apiCalls;
    }
}
