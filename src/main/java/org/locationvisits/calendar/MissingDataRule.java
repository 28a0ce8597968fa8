package org.locationvisits.calendar;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides {@code is_missing_data}: an unhealthy increment that counted nobody, while the branch was
 * open, is data the counter failed to send rather than an empty room. One instance per run, so each
 * branch without known hours is warned about once.
 */
public final class MissingDataRule {
    private static final Logger log = LoggerFactory.getLogger(MissingDataRule.class);

    private final LocationCalendar calendar;
    private final Set<String> warnedBranches = ConcurrentHashMap.newKeySet();

    public MissingDataRule(LocationCalendar calendar) {
        this.calendar = calendar;
    }

    /**
     * True when the increment is unhealthy, counted 0 enters and 0 exits, and starts within the branch's
     * regular hours that weekday ({@code open <= start < close}). False when healthy, when either count is
     * above 0, outside the hours, or on a weekday the branch does not open. A null count is unknown and
     * counts as 0 here: an unhealthy increment that reports nothing is as missing as one that reports zeros.
     * When the branch's hours for that weekday are unknown the increment counts as missing (recovery will
     * ask again), with one warning per branch.
     */
    public boolean isMissing(String siteId, LocalDate date, LocalTime start, boolean healthy, Integer enters,
                             Integer exits) {
        if (healthy || count(enters) != 0 || count(exits) != 0) {
            return false;
        }
        String branch = LocationCalendar.branchOf(siteId);
        Optional<Hours> hours = calendar.hours(branch, date.getDayOfWeek());
        if (hours.isEmpty()) {
            if (warnedBranches.add(branch)) {
                log.warn("No regular hours known for branch '{}' on {} (site '{}'); its unhealthy zero-count"
                        + " increments are marked as missing data", branch, date.getDayOfWeek(), siteId);
            }
            return true;
        }
        return hours.get().contains(start);
    }

    /** The rule for a parsed row, whose increment start is local {@code YYYY-MM-DDTHH:MM:SS}. */
    public boolean isMissing(org.locationvisits.shoppertrak.TrafficRow row) {
        java.time.LocalDateTime start = java.time.LocalDateTime.parse(row.incrementStart());
        return isMissing(row.siteId(), start.toLocalDate(), start.toLocalTime(), row.healthy(), row.enters(),
                row.exits());
    }

    private static int count(Integer value) {
        return value == null ? 0 : value;
    }
}
