package org.locationvisits.source;

import java.time.LocalDate;

import org.locationvisits.recovery.RecoveryStats;
import org.locationvisits.shoppertrak.DayFailure;

/** Drives a {@link PollProgress} as the poll core does, for tests of what reads it (the HTTP endpoints). */
public final class ProgressDriver {
    private final PollProgress progress;

    public ProgressDriver(PollProgress progress) {
        this.progress = progress;
    }

    /** The task read its offset, or emitted a day: {@code lastEmitted} is the last day emitted. */
    public ProgressDriver totals(LocalDate today, LocalDate lastEmitted, int dailyApiCalls, RecoveryStats recovery) {
        progress.totals(new PollProgress.Totals(today, lastEmitted, dailyApiCalls, recovery, java.util.Optional.empty(),
                "", 0));
        return this;
    }

    /** A day of the daily poll fetched and handed out. */
    public ProgressDriver fetched(DayStats stats) {
        progress.working();
        progress.dayFetched(stats);
        progress.handedOut();
        return this;
    }

    public ProgressDriver failed(DayFailure failure) {
        progress.failed(failure);
        return this;
    }

    public ProgressDriver working() {
        progress.working();
        return this;
    }

    public ProgressDriver caughtUp() {
        progress.caughtUp();
        return this;
    }
}
