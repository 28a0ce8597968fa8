package org.locationvisits.recovery;

/** A site-day to re-query, and why: its stored data was unhealthy, or the warehouse has none of it. */
public record RecoveryItem(SiteDay siteDay, Kind kind) implements Comparable<RecoveryItem> {
    public enum Kind { UNHEALTHY, MISSING }

    @Override
    public int compareTo(RecoveryItem other) {
        return siteDay.compareTo(other.siteDay);
    }
}
