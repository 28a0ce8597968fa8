package org.locationvisits.metrics;

import java.time.LocalDate;
import java.util.Optional;

import org.locationvisits.drift.DriftCounts;
import org.locationvisits.recovery.RecoveryStats;

/**
 * What one run did; decides the exit status.
 *
 * @param drift the sites drifting from the all-sites list as the run left them
 */
public record RunSummary(int daysDelivered, long rowsDelivered, int apiCalls, Optional<LocalDate> offset,
                         Optional<String> stoppedBecause, RecoveryStats recovery, boolean unusableState,
                         DriftCounts drift) {
    public static final int EXIT_CAUGHT_UP = 0;
    public static final int EXIT_STOPPED_EARLY = 1;
    public static final int EXIT_CONFIGURATION = 2;

    public RunSummary(int daysDelivered, long rowsDelivered, int apiCalls, Optional<LocalDate> offset,
                      Optional<String> stoppedBecause) {
        this(daysDelivered, rowsDelivered, apiCalls, offset, stoppedBecause, RecoveryStats.NONE);
    }

    public RunSummary(int daysDelivered, long rowsDelivered, int apiCalls, Optional<LocalDate> offset,
                      Optional<String> stoppedBecause, RecoveryStats recovery) {
        this(daysDelivered, rowsDelivered, apiCalls, offset, stoppedBecause, recovery, false);
    }

    public RunSummary(int daysDelivered, long rowsDelivered, int apiCalls, Optional<LocalDate> offset,
                      Optional<String> stoppedBecause, RecoveryStats recovery, boolean unusableState) {
        this(daysDelivered, rowsDelivered, apiCalls, offset, stoppedBecause, recovery, unusableState,
                DriftCounts.NONE);
    }

    /** 2 when the stored state could not be used (nothing was polled), 1 when the run stopped early, else 0. */
    public int exitCode() {
        if (unusableState) {
            return EXIT_CONFIGURATION;
        }
        return stoppedBecause.isPresent() ? EXIT_STOPPED_EARLY : EXIT_CAUGHT_UP;
    }
}
