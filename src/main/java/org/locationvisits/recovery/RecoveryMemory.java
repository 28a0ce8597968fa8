package org.locationvisits.recovery;

import org.locationvisits.offsets.SourceOffsets;
import org.locationvisits.common.StoredStateException;
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
 * with the main offset ({@link #ALL_KEY}, see {@link MemoryText}), so it lives wherever the runtime keeps offsets;
 * earlier versions kept one partition per day ({@code {"recovery_day": "YYYY-MM-DD"}}, offset
 * {@code {"pending": "<JSON>"}}, see {@link PendingForm}), read back once. Thread-safe.
 */
public final class RecoveryMemory implements RecoveryLedger {
    public static final String OFFSET_KEY = "pending";
    /**
     * The main offset's key that holds the whole memory: riding with the main offset, a Connect worker (which commits
     * each partition's longest acknowledged prefix on its own) never stores it apart from the rows it depends on.
     */
    public static final String ALL_KEY = SourceOffsets.RECOVERY_KEY;

    /**
     * One day's pending work; increments as {@code "<orbit>|HH:MM:SS"}. {@code changed}: the sites whose last
     * re-query of the day came back changed (RECOVERY_SCHEDULE=backoff asks them again at once), kept whatever the
     * ledger, since the warehouse knows what is unhealthy but not what the last answer did.
     */
    record Pending(Map<String, Set<String>> unhealthy, Set<String> missing, Set<String> changed) {
        Pending() {
            this(new TreeMap<>(), new TreeSet<>(), new TreeSet<>());
        }

        boolean isEmpty() {
            return unhealthy.isEmpty() && missing.isEmpty() && changed.isEmpty();
        }
    }

    private final NavigableMap<LocalDate, Pending> days = new TreeMap<>();

    public static Map<String, String> partition(LocalDate day) {
        return SourceOffsets.legacyRecoveryPartition(day);
    }

    /** The day a partition of this memory names, or null for any other partition. */
    public static LocalDate dayOf(Map<String, ?> partition) {
        return SourceOffsets.legacyRecoveryDay(partition);
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
            PendingForm.read(text.toString(), read.unhealthy(), read.missing(), read.changed());
        } catch (JsonProcessingException e) {
            throw invalid(day, e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw invalid(day, e.getMessage(), e);
        }
        days.put(day, read);
    }

    private static IllegalStateException invalid(LocalDate day, String reason, Exception cause) {
        return new StoredStateException("The stored recovery offset of " + day + " is not valid (" + reason
                + "); reset it (partition " + partition(day) + ") to forget that day", cause);
    }

    /**
     * Every day remembered from {@code first} on, as the text of {@link #ALL_KEY}; days with nothing pending are
     * left out, and so are days before {@code first}, which recovery never reads again.
     */
    public synchronized String snapshot(LocalDate first) {
        return MemoryText.write(days.tailMap(first, true));
    }

    /** Replaces the memory by what {@link #snapshot} wrote. */
    public synchronized void restoreAll(String text) {
        Map<LocalDate, String> forms = MemoryText.read(text);
        days.clear();
        forms.forEach((day, form) -> restore(day, Map.of(OFFSET_KEY, form)));
    }

    /** The sites a day's stored memory lists as missing (none when the day is not remembered). */
    public synchronized Set<String> missingOn(LocalDate day) {
        Pending pending = days.get(day);
        return pending == null ? Set.of() : Set.copyOf(pending.missing());
    }

    /**
     * What a day's answer leaves to recover when a run resumes inside the day: for what was {@code delivered} before
     * the restart, what was sent then (as remembered) counts, whether or not the answer still lists it; for the rest,
     * what the answer says now. {@code delivered} is asked about the answer's rows, and about rows made from the
     * remembered keys (counts 0) that the answer may no longer list.
     */
    public synchronized void rememberResumedDay(LocalDate day, List<TrafficRow> rows, Collection<String> allSites,
                                                java.util.function.Predicate<TrafficRow> delivered) {
        Pending before = days.get(day);
        Pending now = new Pending();
        Set<String> answered = new TreeSet<>();
        for (TrafficRow row : rows) {
            answered.add(row.siteId());
            if (!row.healthy() && !delivered.test(row)) {
                now.unhealthy().computeIfAbsent(row.siteId(), s -> new TreeSet<>()).add(keyOf(row));
            }
        }
        for (String site : allSites) {
            if (!answered.contains(site)) {
                now.missing().add(site);
            }
        }
        if (before != null) {
            now.changed().addAll(before.changed());
            // Two rows of the fall-back hour share a key: one sent unhealthy keeps it, whatever the other does.
            before.unhealthy().forEach((site, keys) -> keys.forEach(key -> {
                if (delivered.test(rowOf(day, site, key))) {
                    now.unhealthy().computeIfAbsent(site, s -> new TreeSet<>()).add(key);
                }
            }));
        }
        days.put(day, now);
    }

    private static TrafficRow rowOf(LocalDate day, String site, String key) {
        int bar = key.indexOf('|');
        String orbit = key.substring(0, bar);
        return new TrafficRow(site, orbit.equals("null") ? null : Integer.valueOf(orbit),
                day + "T" + key.substring(bar + 1), 0, 0, false);
    }

    /** The day's state as an offset, as the last record touching it carries it. */
    public synchronized Map<String, Object> offset(LocalDate day) {
        Pending pending = days.getOrDefault(day, new Pending());
        return Map.of(OFFSET_KEY, PendingForm.write(pending.unhealthy(), pending.missing()));
    }

    /** What a day's answer leaves to recover: its unhealthy increments, and the listed sites it lacks. */
    public synchronized void rememberDay(LocalDate day, List<TrafficRow> rows, Collection<String> allSites) {
        days.remove(day);
        rememberResumedDay(day, rows, allSites, row -> false);
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

    /**
     * Remembers whether a re-query of {@code siteDay} came back {@code changed}: rows to send, or healthy rows with
     * other counts. Only the last re-query counts.
     */
    public synchronized void answered(SiteDay siteDay, boolean changed) {
        Pending pending = days.get(siteDay.date());
        if (changed) {
            if (pending == null) {
                pending = new Pending();
                days.put(siteDay.date(), pending);
            }
            pending.changed().add(siteDay.siteId());
        } else if (pending != null) {
            pending.changed().remove(siteDay.siteId());
        }
    }

    /** Whether the last re-query of {@code siteDay} came back changed (see {@link #answered}). */
    public synchronized boolean changedLastTime(SiteDay siteDay) {
        Pending pending = days.get(siteDay.date());
        return pending != null && pending.changed().contains(siteDay.siteId());
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
