package org.locationvisits.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Regular hours per branch and weekday, and full-day closures, from the warehouse or a calendar document.
 * A site's branch is the first word of its site ID ({@code aa lib} belongs to {@code aa}).
 */
public final class LocationCalendar {
    private static final LocationCalendar EMPTY = new LocationCalendar(Map.of(), Set.of(), Map.of());

    private final Map<String, Map<DayOfWeek, Hours>> hours;
    private final Set<LocalDate> closedEverywhere;
    private final Map<String, Set<LocalDate>> closures;

    /**
     * @param hours            branch → weekday → hours; a weekday absent for a known branch is unknown
     * @param closedEverywhere days every site is closed (a closure with no location)
     * @param closures         closure location_id → days its sites are closed all day
     */
    public LocationCalendar(Map<String, Map<DayOfWeek, Hours>> hours, Set<LocalDate> closedEverywhere,
                            Map<String, Set<LocalDate>> closures) {
        Map<String, Map<DayOfWeek, Hours>> h = new HashMap<>();
        hours.forEach((branch, days) -> h.put(branch, Map.copyOf(days)));
        this.hours = Map.copyOf(h);
        this.closedEverywhere = Set.copyOf(closedEverywhere);
        Map<String, Set<LocalDate>> c = new HashMap<>();
        closures.forEach((branch, days) -> c.put(branch, Set.copyOf(days)));
        this.closures = Map.copyOf(c);
    }

    /** Hours unknown everywhere, no closures: what a run without a warehouse or calendar document has. */
    public static LocationCalendar empty() {
        return EMPTY;
    }

    /** The branch of a site: its site ID's first word. */
    public static String branchOf(String siteId) {
        String trimmed = siteId.strip();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }

    /**
     * What a closure's {@code location_id} is matched against: the site ID's first two characters, exactly as
     * today's poller matches closures ({@code site_id[:2]}); hours match the first word ({@link #branchOf}).
     */
    public static String closureKeyOf(String siteId) {
        return siteId.length() <= 2 ? siteId : siteId.substring(0, 2);
    }

    /** The branch's hours on that weekday; empty when unknown. */
    public Optional<Hours> hours(String branch, DayOfWeek weekday) {
        return Optional.ofNullable(hours.getOrDefault(branch, Map.of()).get(weekday));
    }

    /** Whether the site (by its first two characters, see {@link #closureKeyOf}), or every site, is closed all day. */
    public boolean closedAllDay(String siteId, LocalDate date) {
        return closedEverywhere.contains(date) || closures.getOrDefault(closureKeyOf(siteId), Set.of()).contains(date);
    }

    public int branchesWithHours() {
        return hours.size();
    }

    public int closureCount() {
        return closedEverywhere.size() + closures.values().stream().mapToInt(Set::size).sum();
    }

    /** Builds a calendar row by row, as loaders read it. */
    public static final class Builder {
        private final Map<String, Map<DayOfWeek, Hours>> hours = new HashMap<>();
        private final Set<LocalDate> closedEverywhere = new HashSet<>();
        private final Map<String, Set<LocalDate>> closures = new HashMap<>();

        public Builder hours(String branch, DayOfWeek weekday, Hours h) {
            hours.computeIfAbsent(branch, b -> new HashMap<>()).put(weekday, h);
            return this;
        }

        /** @param branch null closes every site */
        public Builder closedAllDay(String branch, LocalDate date) {
            if (branch == null) {
                closedEverywhere.add(date);
            } else {
                closures.computeIfAbsent(branch, b -> new HashSet<>()).add(date);
            }
            return this;
        }

        public LocationCalendar build() {
            return new LocationCalendar(hours, closedEverywhere, closures);
        }
    }
}
