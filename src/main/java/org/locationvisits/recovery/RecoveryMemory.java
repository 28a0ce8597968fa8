package org.locationvisits.recovery;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.locationvisits.shoppertrak.TrafficRow;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * What the task itself remembers for recovery, for users without a warehouse: per day of the window, the
 * increments it sent unhealthy (by site) and the sites of the all-sites list absent from that day's answer. Kept
 * as Connect source offsets, one partition per day ({@code {"recovery_day": "YYYY-MM-DD"}}, offset
 * {@code {"pending": "<JSON>"}}, see {@link PendingForm}), so it lives wherever the runtime keeps offsets. Thread-safe.
 */
public final class RecoveryMemory implements RecoveryLedger {
    public static final String PARTITION_KEY = "recovery_day";
    public static final String OFFSET_KEY = "pending";

    /** One day's pending work; increments as {@code "<orbit>|HH:MM:SS"}. */
    record Pending(Map<String, Set<String>> unhealthy, Set<String> missing) {
        Pending() {
            this(new TreeMap<>(), new TreeSet<>());
        }

        boolean isEmpty() {
            return unhealthy.isEmpty() && missing.isEmpty();
        }
    }

    private final NavigableMap<LocalDate, Pending> days = new TreeMap<>();

    public static Map<String, String> partition(LocalDate day) {
        return Map.of(PARTITION_KEY, day.toString());
    }

    /** The day a partition of this memory names, or null for any other partition. */
    public static LocalDate dayOf(Map<String, ?> partition) {
        Object day = partition == null ? null : partition.get(PARTITION_KEY);
        if (day == null || partition.size() != 1) {
            return null;
        }
        try {
            return LocalDate.parse(day.toString());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** Reads back a day's stored offset; a null or empty offset is a day with nothing pending. */
    public synchronized void restore(LocalDate day, Map<String, ?> offset) {
        Object text = offset == null ? null : offset.get(OFFSET_KEY);
        if (text == null) {
            days.remove(day);
            return;
        }
        Pending read = new Pending();
        try {
            PendingForm.read(text.toString(), read.unhealthy(), read.missing());
        } catch (JsonProcessingException e) {
            throw invalid(day, e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw invalid(day, e.getMessage(), e);
        }
        days.put(day, read);
    }

    private static IllegalStateException invalid(LocalDate day, String reason, Exception cause) {
        return new IllegalStateException("The stored recovery offset of " + day + " is not valid (" + reason
                + "); reset it (partition " + partition(day) + ") to forget that day", cause);
    }

    /** The day's state as an offset, as the last record touching it carries it. */
    public synchronized Map<String, Object> offset(LocalDate day) {
        Pending pending = days.getOrDefault(day, new Pending());
        return Map.of(OFFSET_KEY, PendingForm.write(pending.unhealthy(), pending.missing()));
    }

    /** What a day's answer leaves to recover: its unhealthy increments, and the listed sites it lacks. */
    public synchronized void rememberDay(LocalDate day, List<TrafficRow> rows, Collection<String> allSites) {
        Pending pending = new Pending();
        Set<String> answered = new TreeSet<>();
        for (TrafficRow row : rows) {
            answered.add(row.siteId());
            if (!row.healthy()) {
                pending.unhealthy().computeIfAbsent(row.siteId(), s -> new TreeSet<>()).add(keyOf(row));
            }
        }
        for (String site : allSites) {
            if (!answered.contains(site)) {
                pending.missing().add(site);
            }
        }
        days.put(day, pending);
    }

    /**
     * A recovery batch of {@code siteDay} is on its way: for an unhealthy site-day its recovered increments are
     * forgotten; a missing one is forgotten, and what its answer had unhealthy is remembered instead.
     */
    public synchronized void recovered(RecoveryItem item, List<TrafficRow> sent) {
        Pending pending = days.get(item.siteDay().date());
        if (pending == null) {
            pending = new Pending();
            days.put(item.siteDay().date(), pending);
        }
        String site = item.siteDay().siteId();
        Set<String> keys = pending.unhealthy().computeIfAbsent(site, s -> new TreeSet<>());
        if (item.kind() == RecoveryItem.Kind.MISSING) {
            pending.missing().remove(site);
            sent.stream().filter(r -> !r.healthy()).forEach(r -> keys.add(keyOf(r)));
        } else {
            sent.forEach(r -> keys.remove(keyOf(r)));
        }
        if (keys.isEmpty()) {
            pending.unhealthy().remove(site);
        }
    }

    /** Forgets the days before {@code first}: they left the window. */
    public synchronized void forgetBefore(LocalDate first) {
        days.headMap(first).clear();
    }

    /** The pending site-days, for {@code offsets show}: "site-day (unhealthy N)" or "site-day (missing)". */
    public synchronized List<String> describe() {
        List<String> lines = new ArrayList<>();
        days.forEach((day, p) -> {
            p.unhealthy().forEach((site, keys) -> lines.add(new SiteDay(site, day) + ": " + keys.size()
                    + " unhealthy increment(s)"));
            p.missing().forEach(site -> lines.add(new SiteDay(site, day) + ": missing"));
        });
        return lines;
    }

    @Override
    public synchronized List<SiteDay> unhealthySiteDays(LocalDate from, LocalDate to) {
        List<SiteDay> found = new ArrayList<>();
        days.subMap(from, true, to, true).forEach((day, p) ->
                p.unhealthy().keySet().forEach(site -> found.add(new SiteDay(site, day))));
        found.sort(null);
        return found;
    }

    /**
     * Not known: the memory keeps the missing site-days, not the present ones; planning asks
     * {@link #missingSiteDays} instead (days the memory never saw count as present).
     */
    @Override
    public synchronized Set<SiteDay> siteDaysWithRows(LocalDate from, LocalDate to) {
        throw new UnsupportedOperationException("the task's memory knows missing site-days, not present ones");
    }

    @Override
    public synchronized List<SiteDay> missingSiteDays(LocalDate from, LocalDate to, Collection<String> allSites) {
        List<SiteDay> found = new ArrayList<>();
        days.subMap(from, true, to, true).forEach((day, p) ->
                p.missing().forEach(site -> found.add(new SiteDay(site, day))));
        found.sort(null);
        return found;
    }

    @Override
    public synchronized Map<VisitKey, StoredVisit> freshRows(SiteDay siteDay) {
        Map<VisitKey, StoredVisit> known = new HashMap<>();
        Pending pending = days.get(siteDay.date());
        long id = 0;
        for (String key : pending == null ? Set.<String>of() : pending.unhealthy().getOrDefault(siteDay.siteId(),
                Set.of())) {
            int bar = key.indexOf('|');
            String orbit = key.substring(0, bar);
            known.put(new VisitKey(siteDay.siteId(), orbit.equals("null") ? null : Integer.valueOf(orbit),
                    LocalDateTime.of(siteDay.date(), java.time.LocalTime.parse(key.substring(bar + 1)))),
                    new StoredVisit(--id, false, null, null));
        }
        return known;
    }

    @Override
    public boolean holdsEveryRow() {
        return false;
    }

    /** Nothing to mark: the memory forgets recovered increments itself ({@link #recovered}). */
    @Override
    public int markStale(Collection<Long> ids) {
        return 0;
    }

    private static String keyOf(TrafficRow row) {
        return row.orbit() + "|" + row.incrementStart().substring(11);
    }
}
