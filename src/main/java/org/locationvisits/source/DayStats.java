package org.locationvisits.source;

import java.time.Duration;
import java.time.LocalDate;

/**
 * What fetching one batch took, for the per-day log line.
 *
 * @param recovered the batch holds recovered rows (of site-days before {@code day}), which never move the offset
 */
public record DayStats(LocalDate day, int rows, int healthyRows, int apiCalls, Duration fetchTime, boolean recovered) {
    public DayStats(LocalDate day, int rows, int healthyRows, int apiCalls, Duration fetchTime) {
        this(day, rows, healthyRows, apiCalls, fetchTime, false);
    }

    /** What fetching {@code rows} took. */
    public static DayStats of(org.locationvisits.shoppertrak.DayResult.Rows rows, Duration took) {
        int healthy = 0;
        for (org.locationvisits.shoppertrak.TrafficRow row : rows.rows()) {
            healthy += row.healthy() ? 1 : 0;
        }
        return new DayStats(rows.date(), rows.rows().size(), healthy, rows.apiCalls(), took);
    }

    public double healthyShare() {
        return rows == 0 ? 0 : (double) healthyRows / rows;
    }
}
