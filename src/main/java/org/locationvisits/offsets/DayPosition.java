package org.locationvisits.offsets;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.locationvisits.shoppertrak.TrafficRow;

/**
 * How far a day's delivery got: a day's rows are handed out in key order (site, orbit, increment start, and the
 * row's occurrence among equal keys, as on the fall-back DST day), so "every row up to this key" names exactly
 * the rows delivered, whatever order a later answer lists them in. Records of a day before its last carry it
 * beside the previous day's {@code last_poll_date}, so a restart resumes after it instead of sending the day
 * again.
 */
public record DayPosition(LocalDate day, String site, Integer orbit, String incrementStart, int occurrence) {
    static final String DAY_KEY = "resume_day";
    static final String SITE_KEY = "resume_site";
    static final String ORBIT_KEY = "resume_orbit";
    static final String START_KEY = "resume_increment_start";
    static final String OCCURRENCE_KEY = "resume_occurrence";

    private static final Comparator<Integer> ORBITS = Comparator.nullsFirst(Comparator.naturalOrder());
    static final Comparator<DayPosition> ORDER = Comparator.comparing(DayPosition::site)
            .thenComparing(DayPosition::orbit, ORBITS)
            .thenComparing(DayPosition::incrementStart)
            .thenComparingInt(DayPosition::occurrence);

    /** A row with the position it takes in its day. */
    public record Placed(TrafficRow row, DayPosition position) { }

    /** The day's rows in key order, each with its position. */
    public static List<Placed> place(LocalDate day, List<TrafficRow> rows) {
        Map<List<Object>, Integer> seen = new HashMap<>();
        List<Placed> placed = new ArrayList<>(rows.size());
        for (TrafficRow row : rows) {
            List<Object> key = java.util.Arrays.asList(row.siteId(), row.orbit(), row.incrementStart());
            int occurrence = seen.merge(key, 1, Integer::sum) - 1;
            placed.add(new Placed(row, new DayPosition(day, row.siteId(), row.orbit(), row.incrementStart(),
                    occurrence)));
        }
        placed.sort(Comparator.comparing(Placed::position, ORDER));
        return placed;
    }

    /** Whether a row at {@code other} (of the same day) was delivered by the time this position was. */
    public boolean covers(DayPosition other) {
        return ORDER.compare(other, this) <= 0;
    }

    /**
     * The main partition's offset of a record at this position, with the task's {@code state} beside it: the day
     * before is the last wholly delivered. Every record of a day carries one, so it is a view as small as the
     * position itself; its entries are made only when the offset is read (committed, serialised).
     */
    public Map<String, Object> offset(Map<String, Object> state) {
        return new PositionOffset(this, state);
    }

    private static final class PositionOffset extends java.util.AbstractMap<String, Object> {
        private final DayPosition position;
        private final Map<String, Object> state;

        PositionOffset(DayPosition position, Map<String, Object> state) {
            this.position = position;
            this.state = state;
        }

        @Override
        public java.util.Set<Entry<String, Object>> entrySet() {
            Map<String, Object> all = position.offset();
            all.putAll(state);
            return java.util.Collections.unmodifiableMap(all).entrySet();
        }
    }

    /** The position's own keys: the day before as {@code last_poll_date}, and where in the day. */
    public Map<String, Object> offset() {
        Map<String, Object> offset = new LinkedHashMap<>();
        offset.put(SourceOffsets.OFFSET_KEY, day.minusDays(1).toString());
        offset.put(DAY_KEY, day.toString());
        offset.put(SITE_KEY, site);
        offset.put(ORBIT_KEY, orbit == null ? "" : orbit.toString());
        offset.put(START_KEY, incrementStart);
        offset.put(OCCURRENCE_KEY, occurrence);
        return offset;
    }

    /**
     * The position a stored main offset names, if it names one inside the day after its {@code last_poll_date};
     * anything else (no position, or one left over from another day) is none.
     */
    public static Optional<DayPosition> of(Map<String, ?> offset) {
        LocalDate last = SourceOffsets.lastPollDate(offset);
        if (last == null || offset.get(DAY_KEY) == null || offset.get(SITE_KEY) == null
                || offset.get(START_KEY) == null) {
            return Optional.empty();
        }
        try {
            LocalDate day = LocalDate.parse(offset.get(DAY_KEY).toString());
            if (!day.equals(last.plusDays(1))) {
                return Optional.empty();
            }
            Object orbit = offset.get(ORBIT_KEY);
            Object occurrence = offset.get(OCCURRENCE_KEY);
            return Optional.of(new DayPosition(day, offset.get(SITE_KEY).toString(),
                    orbit == null || orbit.toString().isEmpty() ? null : Integer.valueOf(orbit.toString()),
                    offset.get(START_KEY).toString(),
                    occurrence instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(occurrence))));
        } catch (RuntimeException e) {
            // A position that cannot be read only costs re-sending the day: never a reason to stop.
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return day + " after '" + site + "' orbit " + orbit + " " + incrementStart
                + (occurrence > 0 ? " (#" + (occurrence + 1) + ")" : "");
    }
}
