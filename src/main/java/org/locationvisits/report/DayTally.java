package org.locationvisits.report;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.locationvisits.calendar.MissingDataRule;
import org.locationvisits.shoppertrak.TrafficRow;

/**
 * One day's archived answers, folded increment by increment. Each increment of each (site, entrance) keeps the
 * best reading any answer gave it: healthy in an allsites answer, else healthy in a {@code site/{id}} answer
 * (recovered), else unhealthy (the latest unhealthy reading decides whether the calendar rule calls it missing),
 * else absent. Not thread-safe: one instance per day and thread.
 */
final class DayTally {
    private static final byte ABSENT = 0;
    private static final byte UNHEALTHY = 1;
    private static final byte RULE_MISSING = 2;
    private static final byte RECOVERED = 3;
    private static final byte HEALTHY = 4;

    private final String day;
    private final DayIncrements increments;
    private final MissingDataRule rule;
    private final Map<String, Map<Integer, byte[]>> states = new HashMap<>();
    /** Per answer: how often each (site, entrance, quarter) came so far, to tell the fall-back hour's two 01:00s apart. */
    private Map<String, Map<Integer, byte[]>> seen = new HashMap<>();
    private boolean allSites;
    private int outsideIncrements;

    DayTally(LocalDate day, MissingDataRule rule) {
        this.day = day.toString();
        this.increments = DayIncrements.of(day);
        this.rule = rule;
    }

    /** The rows that follow come from a new answer; allsites or a {@code site/{id}} answer. */
    void startAnswer(boolean allSitesAnswer) {
        this.allSites = allSitesAnswer;
        this.seen = new HashMap<>();
    }

    void accept(TrafficRow row) {
        int quarter = DayIncrements.quarter(row.incrementStart(), day);
        if (quarter < 0) {
            outsideIncrements++;
            return;
        }
        byte[] counts = seen.computeIfAbsent(row.siteId(), s -> new HashMap<>())
                .computeIfAbsent(row.orbit(), o -> new byte[96]);
        int index = increments.index(quarter, counts[quarter]++);
        if (index < 0) {
            outsideIncrements++;
            return;
        }
        byte[] state = states.computeIfAbsent(row.siteId(), s -> new HashMap<>())
                .computeIfAbsent(row.orbit(), o -> new byte[increments.count()]);
        byte reading = row.healthy() ? (allSites ? HEALTHY : RECOVERED)
                : rule.isMissing(row) ? RULE_MISSING : UNHEALTHY;
        if (rank(reading) >= rank(state[index])) {
            state[index] = reading;
        }
    }

    private static int rank(byte state) {
        return state == RULE_MISSING ? rank(UNHEALTHY) : state;
    }

    /** Sites with at least one row that day, each with its entrances' tallies. */
    Map<String, Map<Integer, Tally>> tallies() {
        Map<String, Map<Integer, Tally>> result = new HashMap<>();
        states.forEach((site, orbits) -> {
            Map<Integer, Tally> perOrbit = new HashMap<>();
            orbits.forEach((orbit, state) -> perOrbit.put(orbit, tally(state)));
            result.put(site, perOrbit);
        });
        return result;
    }

    private static Tally tally(byte[] state) {
        int[] n = new int[5];
        for (byte s : state) {
            n[s]++;
        }
        return new Tally(n[HEALTHY], n[RECOVERED], n[UNHEALTHY], n[RULE_MISSING], state.length - n[ABSENT]);
    }

    int increments() {
        return increments.count();
    }

    /** Rows whose start is not one of the day's increments (off the quarter hour, a DST gap time, a third 01:00). */
    int outsideIncrements() {
        return outsideIncrements;
    }
}
