package org.locationvisits.report;

import java.time.LocalDate;

/**
 * One site on one day.
 *
 * @param entrances the site's entrances: every orbit seen for it in the answers of the report's range
 * @param answered  whether any answer of the day held a row of the site
 * @param noRow     expected increments no answer held a row for (part of {@code missing}; 0 on a closed day)
 */
public record SiteDay(String siteId, LocalDate day, int entrances, boolean answered, long noRow, Counts counts) {
    public boolean closed() {
        return counts.closedDays() > 0;
    }
}
