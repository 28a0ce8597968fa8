package org.locationvisits.runner;

import java.time.LocalDate;
import java.util.Optional;

/** What one run did; decides the exit status. */
public record RunSummary(int daysDelivered, long rowsDelivered, int apiCalls, Optional<LocalDate> offset,
                         Optional<String> stoppedBecause) {
    public static final int EXIT_CAUGHT_UP = 0;
    public static final int EXIT_STOPPED_EARLY = 1;
    public static final int EXIT_CONFIGURATION = 2;

    public int exitCode() {
        return stoppedBecause.isPresent() ? EXIT_STOPPED_EARLY : EXIT_CAUGHT_UP;
    }
}
