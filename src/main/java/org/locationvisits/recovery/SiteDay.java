package org.locationvisits.recovery;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;

/** One site on one day: the unit recovery re-queries. Ordered by date, then site, as recovery runs. */
public record SiteDay(String siteId, LocalDate date) implements Comparable<SiteDay> {
    private static final Comparator<SiteDay> ORDER = Comparator.comparing(SiteDay::date)
            .thenComparing(SiteDay::siteId);

    public SiteDay {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(date, "date");
    }

    @Override
    public int compareTo(SiteDay other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return "'" + siteId + "' " + date;
    }
}
