package org.locationvisits.recovery;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.locationvisits.shoppertrak.TrafficRow;

/**
 * What of a re-queried answer is sent. For a missing site-day: every row, healthy or not. For an unhealthy one:
 * the increments healthy now whose key had an unhealthy fresh row (every such row of the key becomes stale) or no
 * row at all; a key that was healthy and now has other counts is not sent, only counted for a warning. Unhealthy
 * fresh rows beside a healthy one of their key become stale too, even with nothing sent.
 */
public record RecoverySelection(List<TrafficRow> rows, List<Long> staleIds, int changedHealthy,
                                VisitKey sampleChanged) {

    public static RecoverySelection of(RecoveryItem item, List<TrafficRow> answer, Map<VisitKey, StoredVisit> known) {
        return of(item, answer, known, true);
    }

    /** @param knownHoldsEveryRow false: a key {@code known} lacks was sent healthy, so it is not sent again */
    public static RecoverySelection of(RecoveryItem item, List<TrafficRow> answer, Map<VisitKey, StoredVisit> known,
                                       boolean knownHoldsEveryRow) {
        if (item.kind() == RecoveryItem.Kind.MISSING) {
            return new RecoverySelection(answer, List.of(), 0, null);
        }
        Map<VisitKey, Integer> answered = new HashMap<>();
        Set<VisitKey> stillUnhealthy = new HashSet<>();
        for (TrafficRow row : answer) {
            answered.merge(keyOf(row), 1, Integer::sum);
            if (!row.healthy()) {
                stillUnhealthy.add(keyOf(row));
            }
        }
        List<TrafficRow> rows = new ArrayList<>();
        Set<Long> stale = new LinkedHashSet<>();
        int changed = 0;
        VisitKey sample = null;
        for (TrafficRow row : answer) {
            if (!row.healthy()) {
                continue;
            }
            VisitKey key = keyOf(row);
            StoredVisit stored = known.get(key);
            if (stored == null) {
                if (knownHoldsEveryRow) {
                    rows.add(row);
                }
            } else if (!stored.healthy()) {
                rows.add(row);
                // A key answered twice (the fall-back hour) is replaced only once both its increments are sent.
                if (!stillUnhealthy.contains(key)) {
                    stale.addAll(stored.unhealthyIds());
                }
            } else if (!Objects.equals(stored.enters(), row.enters()) || !Objects.equals(stored.exits(), row.exits())) {
                changed++;
                sample = sample == null ? key : sample;
            }
        }
        healed(known, answered, stale);
        return new RecoverySelection(rows, List.copyOf(stale), changed, sample);
    }

    /**
     * Unhealthy rows beside a healthy one of their key: a stale mark lost earlier; the healthy row already replaces
     * them. Not on a key answered twice: there the unhealthy row may be the other increment of the fall-back hour.
     */
    private static void healed(Map<VisitKey, StoredVisit> known, Map<VisitKey, Integer> answered, Set<Long> stale) {
        known.forEach((key, stored) -> {
            if (stored.healthyBesideUnhealthy() && answered.getOrDefault(key, 0) <= 1) {
                stale.addAll(stored.unhealthyIds());
            }
        });
    }

    public static VisitKey keyOf(TrafficRow row) {
        return new VisitKey(row.siteId(), row.orbit(), LocalDateTime.parse(row.incrementStart()));
    }
}
