package org.locationvisits.recovery;

import java.util.ArrayList;
import java.util.List;

/**
 * What the warehouse holds fresh for a key: the row recovery compares with (a healthy one if any, else the newest;
 * its id, health and counts) and the ids of every fresh unhealthy row of the key. One key may hold several fresh
 * rows: the fall-back hour of a DST day repeats its local times, and a stale mark lost to a crash or a failed
 * UPDATE leaves a replaced row fresh.
 */
public record StoredVisit(long id, boolean healthy, Integer enters, Integer exits, List<Long> unhealthyIds) {
    public StoredVisit {
        unhealthyIds = List.copyOf(unhealthyIds);
    }

    /** A key holding this one fresh row. */
    public StoredVisit(long id, boolean healthy, Integer enters, Integer exits) {
        this(id, healthy, enters, exits, healthy ? List.of() : List.of(id));
    }

    /** This key with one more fresh row: a healthy row is compared with before an unhealthy one, then the newer. */
    public StoredVisit and(StoredVisit other) {
        List<Long> unhealthy = new ArrayList<>(unhealthyIds);
        unhealthy.addAll(other.unhealthyIds);
        boolean otherFirst = other.healthy != healthy ? other.healthy : other.id > id;
        StoredVisit shown = otherFirst ? other : this;
        return new StoredVisit(shown.id, shown.healthy, shown.enters, shown.exits, unhealthy);
    }

    /** Whether the key holds a fresh healthy row and, beside it, unhealthy ones a lost stale mark left fresh. */
    boolean healthyBesideUnhealthy() {
        return healthy && !unhealthyIds.isEmpty();
    }
}
