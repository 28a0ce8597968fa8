package org.locationvisits.replay;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.locationvisits.datalake.ArchivedAnswer;

/**
 * The archived answers of one day that a replay reads: the newest allsites answer, and the newest answer of each
 * site that recovery re-queried. Older answers were replaced by these when they were sent, so they are not read.
 *
 * @param allSites    the newest allsites answer, or null when the day has none
 * @param siteAnswers the newest answer per site, oldest first; with a site filter, that site's only
 * @param archived    how many answers the day has in the archive, used or not
 */
public record DayAnswers(LocalDate day, ArchivedAnswer allSites, List<ArchivedAnswer> siteAnswers, int archived) {

    /**
     * @param answers every archived answer of {@code day}
     * @param site    only this site's answers (and its rows of the allsites answer), or null for every site
     */
    public static DayAnswers select(LocalDate day, List<ArchivedAnswer> answers, String site) {
        ArchivedAnswer allSites = null;
        Map<String, ArchivedAnswer> newestPerSite = new LinkedHashMap<>();
        for (ArchivedAnswer answer : answers) {
            if (answer.allSites()) {
                allSites = newer(allSites, answer);
            } else if (site == null || answer.siteId().strip().equals(site.strip())) {
                newestPerSite.merge(answer.siteId(), answer, DayAnswers::newer);
            }
        }
        List<ArchivedAnswer> sites = new ArrayList<>(newestPerSite.values());
        sites.sort(Comparator.comparing(ArchivedAnswer::fetchedAt));
        return new DayAnswers(day, allSites, List.copyOf(sites), answers.size());
    }

    /**
     * Whether the day can be replayed: every site needs the allsites answer (site answers alone are a few
     * re-queried sites, not the day); one site needs the allsites answer or an answer of its own.
     */
    public boolean replayable(String site) {
        return allSites != null || (site != null && !siteAnswers.isEmpty());
    }

    /** Why {@link #replayable} is false, for the refusal's list. */
    public String whyNot() {
        return archived == 0 ? "no archived answer"
                : "no allsites answer (" + archived + " site answer(s) only)";
    }

    private static ArchivedAnswer newer(ArchivedAnswer a, ArchivedAnswer b) {
        return a == null || b.fetchedAt().isAfter(a.fetchedAt()) ? b : a;
    }
}
