package org.locationvisits.recovery;

import org.locationvisits.offsets.SourceOffsets;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.locationvisits.shoppertrak.TrafficRow;

/**
 * What the task itself remembers for recovery, for users without a warehouse: per day of the window, the
 * increments it sent unhealthy (by site) and the sites of the all-sites list absent from that day's answer. Kept
 * with the main offset ({@link #ALL_KEY}, see {@link MemoryText}), so it lives wherever the runtime keeps offsets;
 * earlier versions kept one partition per day ({@code {"recovery_day": "YYYY-MM-DD"}}, offset
 * {@code {"pending": "<JSON>"}}, see {@link DayOffsetForm}), read back once. Thread-safe: the one lock guarding the
 * days ({@link PendingDays}), each day's work ({@link PendingDay}) and the backoff's bits ({@link ChangedSites}).
 */
public final class RecoveryMemory implements RecoveryLedger {
    public static final String OFFSET_KEY = "pending";
    /**
     * The main offset's key that holds the whole memory: riding with the main offset, a Connect worker (which commits
     * each partition's longest acknowledged prefix on its own) never stores it apart from the rows it depends on.
     */
    public static final String ALL_KEY = SourceOffsets.RECOVERY_KEY;

    private final PendingDays days = new PendingDays();
    private final ChangedSites changed = new ChangedSites(days);

    public static Map<String, String> partition(LocalDate day) {
        return SourceOffsets.legacyRecoveryPartition(day);
    }

    /** The day a partition of this memory names, or null for any other partition. */
    public static LocalDate dayOf(Map<String, ?> partition) {
        return SourceOffsets.legacyRecoveryDay(partition);
    }

    /** Reads back a day's stored offset; a null or empty offset is a day with nothing pending. */
    public synchronized void restore(LocalDate day, Map<String, ?> offset) {
        PendingDay read = DayOffsetForm.read(day, offset);
        if (read == null) {
            days.remove(day);
        } else {
            days.put(day, read);
        }
    }

    /**
     * Every day remembered from {@code first} on, as the text of {@link #ALL_KEY}; days with nothing pending are
     * left out, and so are days before {@code first}, which recovery never reads again.
     */
    public synchronized String snapshot(LocalDate first) {
        return MemoryText.write(days.from(first));
    }

    /** Replaces the memory by what {@link #snapshot} wrote. */
    public synchronized void restoreAll(String text) {
        Map<LocalDate, String> forms = MemoryText.read(text);
        days.clear();
        forms.forEach((day, form) -> restore(day, Map.of(OFFSET_KEY, form)));
    }

    /** The sites a day's stored memory lists as missing (none when the day is not remembered). */
    public synchronized Set<String> missingOn(LocalDate day) {
        PendingDay pending = days.get(day);
        return pending == null ? Set.of() : Set.copyOf(pending.missing());
    }

    /**
     * What a day's answer leaves to recover when a run resumes inside the day: for what was {@code delivered} before
     * the restart, what was sent then (as remembered) counts, whether or not the answer still lists it; for the rest,
     * what the answer says now. {@code delivered} is asked about the answer's rows, and about rows made from the
     * remembered keys (counts 0) that the answer may no longer list.
     */
    public synchronized void rememberResumedDay(LocalDate day, List<TrafficRow> rows, Collection<String> allSites,
                                                Predicate<TrafficRow> delivered) {
        days.put(day, PendingDay.fromAnswer(day, rows, allSites, delivered, days.get(day)));
    }

    /** The day's state as an offset, as the last record touching it carries it. */
    public synchronized Map<String, Object> offset(LocalDate day) {
        PendingDay pending = days.get(day);
        return DayOffsetForm.write(pending == null ? new PendingDay() : pending);
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
        days.getOrCreate(item.siteDay().date()).recovered(item, sent);
    }

    /**
     * Remembers whether a re-query of {@code siteDay} came back {@code changed}: rows to send, or healthy rows with
     * other counts. Only the last re-query counts.
     */
    public synchronized void answered(SiteDay siteDay, boolean changed) {
        this.changed.answered(siteDay, changed);
    }

    /** Whether the last re-query of {@code siteDay} came back changed (see {@link #answered}). */
    public synchronized boolean changedLastTime(SiteDay siteDay) {
        return changed.changedLastTime(siteDay);
    }

    /** Forgets the days before {@code first}: they left the window. */
    public synchronized void forgetBefore(LocalDate first) {
        days.forgetBefore(first);
    }

    /** The pending site-days, for {@code offsets show}: "site-day (unhealthy N)" or "site-day (missing)". */
    public synchronized List<String> describe() {
        return days.describe();
    }

    @Override
    public synchronized List<SiteDay> unhealthySiteDays(LocalDate from, LocalDate to) {
        return days.unhealthy(from, to);
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
        return days.missing(from, to);
    }

    /** The site-day's remembered unhealthy increments, as stored visits with made-up ids (-1, -2, ...). */
    @Override
    public synchronized Map<VisitKey, StoredVisit> freshRows(SiteDay siteDay) {
        Map<VisitKey, StoredVisit> known = new HashMap<>();
        PendingDay pending = days.get(siteDay.date());
        long id = 0;
        for (String key : pending == null ? Set.<String>of() : pending.unhealthy().getOrDefault(siteDay.siteId(),
                Set.of())) {
            known.put(IncrementKey.visit(siteDay, key), new StoredVisit(--id, false, null, null));
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
}
