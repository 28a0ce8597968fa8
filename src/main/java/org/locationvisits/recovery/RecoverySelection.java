package org.locationvisits.recovery;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.locationvisits.shoppertrak.TrafficRow;

/**
 * What of a re-queried answer is sent. For a missing site-day: every row, healthy or not. For an unhealthy one:
 * the increments healthy now whose key had an unhealthy fresh row (that row becomes stale) or no row at all;
 * a key that was healthy and now has other counts is not sent, only counted for a warning.
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
        List<TrafficRow> rows = new ArrayList<>();
        List<Long> stale = new ArrayList<>();
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
                stale.add(stored.id());
            } else if (!Objects.equals(stored.enters(), row.enters()) || !Objects.equals(stored.exits(), row.exits())) {
                changed++;
                sample = sample == null ? key : sample;
            }
        }
        return new RecoverySelection(rows, stale, changed, sample);
    }

    public static VisitKey keyOf(TrafficRow row) {
        return new VisitKey(row.siteId(), row.orbit(), LocalDateTime.parse(row.incrementStart()));
    }
}
