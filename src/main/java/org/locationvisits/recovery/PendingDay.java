package org.locationvisits.recovery;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.locationvisits.shoppertrak.TrafficRow;

/**
 * One day's pending work in the {@link RecoveryMemory}; increments as {@code "<orbit>|HH:MM:SS"} (see
 * {@link IncrementKey}). {@code changed}: the sites whose last re-query of the day came back changed
 * (RECOVERY_SCHEDULE=backoff asks them again at once), kept whatever the ledger, since the warehouse knows what is
 * unhealthy but not what the last answer did. Not thread-safe: the memory guards it.
 */
record PendingDay(Map<String, Set<String>> unhealthy, Set<String> missing, Set<String> changed) {
    PendingDay() {
        this(new TreeMap<>(), new TreeSet<>(), new TreeSet<>());
    }

    boolean isEmpty() {
        return unhealthy.isEmpty() && missing.isEmpty() && changed.isEmpty();
    }

    /**
     * What a day's answer leaves to recover when a run resumes inside the day: for what was {@code delivered} before
     * the restart, what was sent then (as {@code before} remembers it) counts, whether or not the answer still lists
     * it; for the rest, what the answer says now. The changed sites of {@code before} are kept.
     */
    static PendingDay fromAnswer(LocalDate day, List<TrafficRow> rows, Collection<String> allSites,
                                 Predicate<TrafficRow> delivered, PendingDay before) {
        PendingDay now = new PendingDay();
        Set<String> answered = new TreeSet<>();
        for (TrafficRow row : rows) {
            answered.add(row.siteId());
            if (!row.healthy() && !delivered.test(row)) {
                now.unhealthy().computeIfAbsent(row.siteId(), s -> new TreeSet<>()).add(IncrementKey.of(row));
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
                if (delivered.test(IncrementKey.row(day, site, key))) {
                    now.unhealthy().computeIfAbsent(site, s -> new TreeSet<>()).add(key);
                }
            }));
        }
        return now;
    }

    /**
     * A recovery batch of {@code item} is on its way: for an unhealthy site-day its recovered increments are
     * forgotten; a missing one is forgotten, and what its answer had unhealthy is remembered instead.
     */
    void recovered(RecoveryItem item, List<TrafficRow> sent) {
        String site = item.siteDay().siteId();
        Set<String> keys = unhealthy.computeIfAbsent(site, s -> new TreeSet<>());
        if (item.kind() == RecoveryItem.Kind.MISSING) {
            missing.remove(site);
            sent.stream().filter(r -> !r.healthy()).forEach(r -> keys.add(IncrementKey.of(r)));
        } else {
            sent.forEach(r -> keys.remove(IncrementKey.of(r)));
        }
        if (keys.isEmpty()) {
            unhealthy.remove(site);
        }
    }
}
