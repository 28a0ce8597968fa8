package org.locationvisits.report;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.locationvisits.drift.SiteDrift;

/**
 * Every site-day of a range: one row of {@link SiteDay}s per site, one per day of the range.
 *
 * @param source       where the answers came from, e.g. {@code s3://bucket/prefix/}
 * @param rows         site → its site-days in date order; sites by name
 * @param unreportable sites of the all-sites list with no answer in the range: their entrances are unknown
 * @param answers      archived answers read
 * @param unreadable   answers skipped because they were not trustworthy traffic
 * @param drift        the days sites drifted from the all-sites list on (without one, from the last days' answers)
 */
public record CompletenessReport(String source, List<LocalDate> days, Map<String, List<SiteDay>> rows,
                                 List<String> unreportable, int answers, int unreadable,
                                 List<SiteDrift.Findings> drift) {
    /** Lowest healthy share first, then the most missing, then the most unhealthy, then by name. */
    public static final Comparator<Counts> WORST_FIRST = Comparator.comparingDouble(Counts::healthyShare)
            .thenComparing(Comparator.comparingLong(Counts::missing).reversed())
            .thenComparing(Comparator.comparingLong(Counts::unhealthy).reversed());

    public CompletenessReport {
        days = List.copyOf(days);
        rows = Map.copyOf(rows);
        unreportable = List.copyOf(unreportable);
        drift = List.copyOf(drift);
    }

    public CompletenessReport(String source, List<LocalDate> days, Map<String, List<SiteDay>> rows,
                              List<String> unreportable, int answers, int unreadable) {
        this(source, days, rows, unreportable, answers, unreadable, List.of());
    }

    public List<String> sites() {
        return rows.keySet().stream().sorted().toList();
    }

    public Counts siteTotal(String site) {
        return rows.get(site).stream().map(SiteDay::counts).reduce(Counts.ZERO, Counts::plus);
    }

    public Counts dayTotal(int dayIndex) {
        return rows.values().stream().map(row -> row.get(dayIndex).counts()).reduce(Counts.ZERO, Counts::plus);
    }

    public Counts total() {
        return rows.keySet().stream().map(this::siteTotal).reduce(Counts.ZERO, Counts::plus);
    }

    public List<String> sitesWorstFirst() {
        Comparator<String> worst = Comparator.comparing(this::siteTotal, WORST_FIRST);
        return sites().stream().sorted(worst.thenComparing(Comparator.naturalOrder())).toList();
    }

    /** Site-days with something not healthy (closures apart), worst first. */
    public List<SiteDay> problemSiteDays() {
        return rows.values().stream().flatMap(List::stream)
                .filter(d -> d.counts().unhealthy() + d.counts().missing() > 0)
                .sorted(Comparator.comparing(SiteDay::counts, WORST_FIRST).thenComparing(SiteDay::day)
                        .thenComparing(SiteDay::siteId))
                .toList();
    }
}
