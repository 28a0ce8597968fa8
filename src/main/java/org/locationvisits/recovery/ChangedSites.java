package org.locationvisits.recovery;

/**
 * The per-site-day bit RECOVERY_SCHEDULE=backoff reads: whether the last re-query of a site-day came back changed.
 * Kept in each day's {@link PendingDay#changed()}; a day is remembered for it only when a bit is set. Not
 * thread-safe: the memory guards it.
 */
final class ChangedSites {
    private final PendingDays days;

    ChangedSites(PendingDays days) {
        this.days = days;
    }

    /** Sets or clears the bit of {@code siteDay}; only the last re-query counts. */
    void answered(SiteDay siteDay, boolean changed) {
        if (changed) {
            days.getOrCreate(siteDay.date()).changed().add(siteDay.siteId());
        } else {
            PendingDay pending = days.get(siteDay.date());
            if (pending != null) {
                pending.changed().remove(siteDay.siteId());
            }
        }
    }

    boolean changedLastTime(SiteDay siteDay) {
        PendingDay pending = days.get(siteDay.date());
        return pending != null && pending.changed().contains(siteDay.siteId());
    }
}
