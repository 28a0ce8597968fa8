package org.locationvisits.runner;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.locationvisits.metrics.RunReporter;
import org.locationvisits.metrics.RunSummary;
import org.locationvisits.recovery.RecoveryStats;
import org.locationvisits.source.PollProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How a run ends: its last log line, its summary (hence its exit status) and what the reporter hears of it. */
final class RunEnd {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedRunner.class);

    private final boolean dryRun;
    private final RunReporter reporter;
    private final PollProgress progress;

    RunEnd(boolean dryRun, RunReporter reporter, PollProgress progress) {
        this.dryRun = dryRun;
        this.reporter = reporter;
        this.progress = progress;
    }

    /** The stored state cannot be used: nothing was polled; exit 2, as for a configuration error. */
    RunSummary unusableState(String message, Optional<LocalDate> offset) {
        log.error("Stopped before polling: {}", message);
        return new RunSummary(0, 0, 0, offset, Optional.of(message), RecoveryStats.NONE, true);
    }

    /**
     * Caught up (or, continuous, stopped on request): exit 0, even when the recovery pass ended early (busy, down,
     * E107): the daily poll succeeded, and what recovery left is pending for a later run.
     */
    RunSummary complete(DeliveredDays delivered, Optional<LocalDate> offset) {
        PollProgress.Totals totals = progress.totals();
        RecoveryStats recovered = totals.recovery();
        int apiCalls = totals.dailyApiCalls();
        RunSummary summary = new RunSummary(delivered.days(), delivered.rows(), apiCalls, offset, Optional.empty(),
                recovered, false, progress.drift());
        reporter.runEnded(summary, daysBehind(offset));
        // Days left only when the daily call limit stopped the backfill: the next New York day goes on.
        log.info("Run complete: {} day(s), {} rows {}, {} API call(s); recovery: {}; {}{}; offset {}", delivered.days(),
                delivered.rows(), dryRun ? "fetched (dry run, nothing sent)" : "delivered", apiCalls,
                describe(recovered) + totals.recoveryFailure().map(f -> " (ended early: " + f + ")").orElse(""),
                totals.callsToday(), totals.daysLeft() > 0 ? "; " + totals.daysLeft()
                        + " day(s) left for the next New York day" : "", describe(offset));
        return summary;
    }

    /** Stopped early at {@code day} (null: not at a day) because of {@code reason}: exit 1. */
    RunSummary stopped(LocalDate day, String reason, DeliveredDays delivered, Optional<LocalDate> offset) {
        String where = day == null ? "" : "at " + day + ": ";
        String message = where + (reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason);
        log.error("Stopped {}. Offset stays at {}; the next run starts the day after it", message, describe(offset));
        RunSummary summary = new RunSummary(delivered.days(), delivered.rows(), delivered.apiCalls(), offset,
                Optional.of(message), progress.totals().recovery(), false, progress.drift());
        reporter.runEnded(summary, daysBehind(offset));
        return summary;
    }

    static String describe(Optional<LocalDate> offset) {
        return offset.map(LocalDate::toString).orElse("(none stored)");
    }

    /** Yesterday (New York, by the task's clock) minus the stored offset; 0 when nothing is known. */
    private long daysBehind(Optional<LocalDate> offset) {
        LocalDate today = progress.totals().today();
        return today == null || offset.isEmpty() ? 0
                : Math.max(0, ChronoUnit.DAYS.between(offset.get(), today.minusDays(1)));
    }

    private static String describe(RecoveryStats r) {
        return r.siteDaysRequeried() + " site-day(s) re-queried, " + r.rowsRecovered() + " rows recovered, "
                + r.rowsMarkedStale() + " rows marked stale, " + r.apiCalls() + " API call(s)"
                + (r.siteDaysLeft() > 0 ? ", " + r.siteDaysLeft() + " site-day(s) left for a later run" : "");
    }
}
