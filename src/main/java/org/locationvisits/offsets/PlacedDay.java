package org.locationvisits.offsets;

import java.time.LocalDate;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.locationvisits.shoppertrak.TrafficRow;

/**
 * A polled day's rows in key order ({@link DayPosition}), placed once, and which of them a run that stopped inside
 * the day had already delivered: those up to the stored position, but for sites the day's memory listed as missing
 * then (an answer that has them now must send them).
 */
public final class PlacedDay {
    private final LocalDate day;
    private final Predicate<DayPosition.Placed> delivered;
    private final List<DayPosition.Placed> unsent;
    private final Set<TrafficRow> answer = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<TrafficRow> sent = Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * @param resumeAfter the stored position inside this day, if the last run stopped in it
     * @param missingThen the sites the day's memory listed as missing when that run stopped
     */
    public PlacedDay(LocalDate day, List<TrafficRow> rows, Optional<DayPosition> resumeAfter, Set<String> missingThen) {
        this.day = day;
        this.delivered = resumeAfter.<Predicate<DayPosition.Placed>>map(position -> placed ->
                position.covers(placed.position()) && !missingThen.contains(placed.row().siteId()))
                .orElse(placed -> false);
        answer.addAll(rows);
        List<DayPosition.Placed> placed = DayPosition.place(day, rows);
        placed.stream().filter(delivered).forEach(p -> sent.add(p.row()));
        this.unsent = placed.stream().filter(delivered.negate()).toList();
    }

    /** The rows to hand out, in key order, each with its position. */
    public List<DayPosition.Placed> unsent() {
        return unsent;
    }

    /**
     * Whether a row went out before the restart: a row of the answer by its place in the day; a remembered row the
     * answer no longer lists by its key, as the first of that key.
     */
    public boolean sentBefore(TrafficRow row) {
        return answer.contains(row) ? sent.contains(row) : delivered.test(new DayPosition.Placed(row,
                new DayPosition(day, row.siteId(), row.orbit(), row.incrementStart(), 0)));
    }
}
