package org.locationvisits.recovery;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What has been delivered, as far as recovery needs to know: the warehouse table the stream lands in.
 * Every method's dates are New York calendar days, both ends inclusive.
 */
public interface RecoveryLedger {
    /** Site-days holding fresh rows that are not healthy, ordered by date, then site. */
    List<SiteDay> unhealthySiteDays(LocalDate from, LocalDate to);

    /** Site-days holding any row at all (fresh or not). */
    Set<SiteDay> siteDaysWithRows(LocalDate from, LocalDate to);

    /** The fresh rows of one site-day by key. */
    Map<VisitKey, StoredVisit> freshRows(SiteDay siteDay);

    /** Marks rows replaced by recovered ones as no longer fresh; returns how many rows changed. */
    int markStale(Collection<Long> ids);

    /**
     * Whether {@link #freshRows} holds every row sent for a site-day (the warehouse), so a key it lacks was never
     * sent; false when it holds only the unhealthy ones (the task's own memory), so a key it lacks was sent healthy.
     */
    default boolean holdsEveryRow() {
        return true;
    }

    /** Site-days of sites in {@code allSites} that no row was sent for, ordered by date, then site. */
    default List<SiteDay> missingSiteDays(LocalDate from, LocalDate to, Collection<String> allSites) {
        Set<SiteDay> present = siteDaysWithRows(from, to);
        List<SiteDay> missing = new java.util.ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            for (String site : allSites) {
                SiteDay siteDay = new SiteDay(site, day);
                if (!present.contains(siteDay)) {
                    missing.add(siteDay);
                }
            }
        }
        return missing;
    }
}
