package org.locationvisits.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.locationvisits.drift.SiteDrift;

/**
 * The site drift of a report's range, computed from the archive the way the task computes it ({@link SiteDrift}):
 * the days with answers fed in date order, each day's listed sites without a row standing in for the recovery
 * memory. The report has no memory of days before the range, so a site gone on the range's first two days is found
 * on its third.
 */
final class DriftOfDays {
    private final SiteDrift drift = new SiteDrift();
    private final List<String> listed;
    private final Map<LocalDate, Set<String>> missing = new HashMap<>();
    private final List<SiteDrift.Findings> found = new ArrayList<>();

    DriftOfDays(List<String> listed) {
        this.listed = List.copyOf(listed);
    }

    /** A day of the range with at least one readable answer: {@code sites} are those with a row. */
    void day(LocalDate day, Collection<String> sites) {
        SiteDrift.Findings findings = drift.dayAnswered(day, sites, listed, d -> missing.getOrDefault(d, Set.of()));
        Set<String> lacked = new TreeSet<>(listed);
        lacked.removeAll(sites);
        missing.put(day, lacked);
        if (!findings.isEmpty()) {
            found.add(findings);
        }
    }

    /** The days something was found on, in date order. */
    List<SiteDrift.Findings> findings() {
        return List.copyOf(found);
    }
}
