package org.locationvisits.recovery;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.locationvisits.calendar.LocationCalendar;

/**
 * Which site-days a recovery re-queries, in date order, then site order: those the ledger holds unhealthy
 * fresh rows of, and those of sites in the all-sites list it holds no row of; never a site-day of a full-day
 * closure of its branch or of every site.
 */
public final class RecoveryPlanner {
    private RecoveryPlanner() {
    }

    /** @param from first day of the window, {@code to} its last; nothing when {@code to} is before {@code from} */
    public static List<RecoveryItem> plan(LocalDate from, LocalDate to, RecoveryLedger ledger,
                                          Collection<String> allSites, LocationCalendar calendar) {
        List<RecoveryItem> items = new ArrayList<>();
        if (to.isBefore(from)) {
            return items;
        }
        for (SiteDay unhealthy : ledger.unhealthySiteDays(from, to)) {
            if (!calendar.closedAllDay(unhealthy.siteId(), unhealthy.date())) {
                items.add(new RecoveryItem(unhealthy, RecoveryItem.Kind.UNHEALTHY));
            }
        }
        for (SiteDay missing : ledger.missingSiteDays(from, to, allSites)) {
            if (!calendar.closedAllDay(missing.siteId(), missing.date())) {
                items.add(new RecoveryItem(missing, RecoveryItem.Kind.MISSING));
            }
        }
        items.sort(null);
        return items;
    }
}
