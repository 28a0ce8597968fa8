package org.locationvisits.source;

import java.time.Duration;
import java.time.LocalDate;

/** What fetching one day took, for the per-day log line. */
public record DayStats(LocalDate day, int rows, int healthyRows, int apiCalls, Duration fetchTime) {
    public double healthyShare() {
        return rows == 0 ? 0 : (double) healthyRows / rows;
    }
}
