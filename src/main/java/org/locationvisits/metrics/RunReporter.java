package org.locationvisits.metrics;

import org.locationvisits.source.DayStats;

/** Hears what a run delivers, e.g. to print CloudWatch metric lines. */
public interface RunReporter {
    RunReporter NONE = new RunReporter() {
    };

    /** A polled day is delivered. */
    default void dayDelivered(DayStats stats) {
    }

    /** The run ended, caught up or stopped; {@code daysBehind} is yesterday minus the stored offset. */
    default void runEnded(RunSummary summary, long daysBehind) {
    }
}
