package org.locationvisits.recovery;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The days of the recovery window the {@link RecoveryMemory} remembers, in date order: which day holds what, the
 * days from a first one on, forgetting the days that left the window, and the pending site-days of a span. Not
 * thread-safe: the memory guards it.
 */
final class PendingDays {
    private final NavigableMap<LocalDate, PendingDay> days = new TreeMap<>();

    /** The day's pending work, or null when the day is not remembered. */
    PendingDay get(LocalDate day) {
        return days.get(day);
    }

    /** The day's pending work, remembered empty first when it was not. */
    PendingDay getOrCreate(LocalDate day) {
        return days.computeIfAbsent(day, d -> new PendingDay());
    }

    void put(LocalDate day, PendingDay pending) {
        days.put(day, pending);
    }

    void remove(LocalDate day) {
        days.remove(day);
    }

    void clear() {
        days.clear();
    }

    /** The days from {@code first} on, a read-only view. */
    NavigableMap<LocalDate, PendingDay> from(LocalDate first) {
        return Collections.unmodifiableNavigableMap(days.tailMap(first, true));
    }

    /** Forgets the days before {@code first}: they left the window. */
    void forgetBefore(LocalDate first) {
        days.headMap(first).clear();
    }

    /** "site-day: N unhealthy increment(s)" or "site-day: missing", day by day. */
    List<String> describe() {
        List<String> lines = new ArrayList<>();
        days.forEach((day, p) -> {
            p.unhealthy().forEach((site, keys) -> lines.add(new SiteDay(site, day) + ": " + keys.size()
                    + " unhealthy increment(s)"));
            p.missing().forEach(site -> lines.add(new SiteDay(site, day) + ": missing"));
        });
        return lines;
    }

    /** The site-days with unhealthy increments from {@code from} to {@code to}, both included, sorted. */
    List<SiteDay> unhealthy(LocalDate from, LocalDate to) {
        List<SiteDay> found = new ArrayList<>();
        days.subMap(from, true, to, true).forEach((day, p) ->
                p.unhealthy().keySet().forEach(site -> found.add(new SiteDay(site, day))));
        found.sort(null);
        return found;
    }

    /** The missing site-days from {@code from} to {@code to}, both included, sorted. */
    List<SiteDay> missing(LocalDate from, LocalDate to) {
        List<SiteDay> found = new ArrayList<>();
        days.subMap(from, true, to, true).forEach((day, p) ->
                p.missing().forEach(site -> found.add(new SiteDay(site, day))));
        found.sort(null);
        return found;
    }
}
