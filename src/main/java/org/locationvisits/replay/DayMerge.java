package org.locationvisits.replay;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.locationvisits.datalake.ArchivedAnswer;
import org.locationvisits.shoppertrak.TrafficRow;

/**
 * Decides which answer's rows stand for each site of a day: the newest answer that holds the site. A site answer
 * fetched after the allsites answer (recovery's re-query) replaces that site's allsites rows, as it was sent last;
 * one fetched before it was superseded by the allsites answer and is not used, unless the allsites answer does
 * not hold its site at all (a site missing from allsites that recovery fetched).
 *
 * @param parts       the rows to send, allsites rows first, then each site answer used, oldest first
 * @param superseded  site answers not used because a newer allsites answer holds their site
 */
public record DayMerge(List<AnswerRows> parts, List<ArchivedAnswer> superseded) {

    /** @param allSites the allsites answer's rows, or null when only site answers are replayed */
    public static DayMerge of(AnswerRows allSites, List<AnswerRows> siteAnswers) {
        Set<String> inAllSites = allSites == null ? Set.of() : sites(allSites.rows());
        List<AnswerRows> used = new ArrayList<>();
        List<ArchivedAnswer> superseded = new ArrayList<>();
        Set<String> replaced = new HashSet<>();
        for (AnswerRows site : siteAnswers) {
            Set<String> held = sites(site.rows());
            boolean newer = allSites == null || site.answer().fetchedAt().isAfter(allSites.answer().fetchedAt());
            if (newer || held.stream().noneMatch(inAllSites::contains)) {
                used.add(site);
                replaced.addAll(held);
            } else {
                superseded.add(site.answer());
            }
        }
        List<AnswerRows> parts = new ArrayList<>();
        if (allSites != null) {
            List<TrafficRow> kept = allSites.rows().stream().filter(r -> !replaced.contains(r.siteId())).toList();
            parts.add(new AnswerRows(allSites.answer(), kept));
        }
        parts.addAll(used);
        return new DayMerge(List.copyOf(parts), List.copyOf(superseded));
    }

    public long rows() {
        return parts.stream().mapToLong(p -> p.rows().size()).sum();
    }

    /** Answers whose rows are sent (an allsites answer counts even when every one of its sites was replaced). */
    public int answersUsed() {
        return parts.size();
    }

    private static Set<String> sites(List<TrafficRow> rows) {
        Set<String> sites = new HashSet<>();
        rows.forEach(r -> sites.add(r.siteId()));
        return sites;
    }
}
