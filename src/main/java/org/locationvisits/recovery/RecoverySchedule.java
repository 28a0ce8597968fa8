package org.locationvisits.recovery;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * When a pending site-day is asked again (RECOVERY_SCHEDULE). {@code daily}: on every pass of its 30-day window, as
 * today's poller does. {@code backoff}: on the passes 1, 2, 4, 8, 16, 29 and (a last chance) 30 29 days after its day, and on the next pass
 * at once when its last re-query came back changed (ShopperTrak is correcting it: the rest may follow soon). A site
 * whose sensor is broken for good then costs 6 calls per day of breakage instead of 30. Unhealthy and missing
 * site-days follow the same schedule: a site absent from an answer is as likely to stay absent as a broken sensor is
 * to stay broken. Pure: the dates and the changed bit come in, nothing is remembered here.
 */
public enum RecoverySchedule {
    DAILY,
    BACKOFF;

    /**
     * Days after its day on which a backoff pass asks a site-day again; 30, the window's last day, is a last chance:
     * a day-29 ask that a missed run, the daily call limit, E107 or a busy ShopperTrak kept from happening is made
     * then, so no site-day leaves the window because of one missed pass.
     */
    static final Set<Integer> BACKOFF_AGES = Set.of(1, 2, 4, 8, 16, 29, RecoveryCycle.DAYS);

    /** The setting's value ({@code daily} or {@code backoff}, any case). */
    public static RecoverySchedule of(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("RECOVERY_SCHEDULE must be daily or backoff, got '" + text + "'", e);
        }
    }

    /**
     * Whether the pass on {@code today} asks {@code day} again.
     *
     * @param lastChanged whether the last re-query of this site-day came back changed
     */
    public boolean due(LocalDate day, LocalDate today, boolean lastChanged) {
        if (this == DAILY || lastChanged) {
            return true;
        }
        long age = ChronoUnit.DAYS.between(day, today);
        return age > 0 && age <= RecoveryCycle.DAYS && BACKOFF_AGES.contains((int) age);
    }

    /** The items due on {@code today}, in their order; {@code changed} says whether an item's last re-query changed. */
    public List<RecoveryItem> dueOnly(List<RecoveryItem> items, LocalDate today, Predicate<SiteDay> changed) {
        if (this == DAILY) {
            return items;
        }
        List<RecoveryItem> due = new ArrayList<>();
        for (RecoveryItem item : items) {
            if (due(item.siteDay().date(), today, changed.test(item.siteDay()))) {
                due.add(item);
            }
        }
        return due;
    }

    /** The setting's value as written. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
