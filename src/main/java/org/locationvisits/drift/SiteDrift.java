package org.locationvisits.drift;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Which sites drift from the all-sites list, day by day, as pure state fed one day's answer at a time: a site in an
 * answer but not in the list is <b>new</b>; a site of the list absent from {@value #GONE_AFTER_DAYS} answers in a row
 * is <b>gone</b>. Without a list (none configured, or unreadable), the sites of the answers of the last
 * {@value #HISTORY_DAYS} days stand in for it. Each drifting site is reported once, on the day it is first found
 * ({@link Findings}); it is reported again only after it stopped drifting (listed, answered again, or out of the
 * history). Not thread-safe; {@link DriftText} writes and reads it, so it lives with the task's offsets.
 */
public final class SiteDrift {
    /** Answers in a row a listed site must be absent from to be gone. */
    public static final int GONE_AFTER_DAYS = 3;
    /** Days of answers that stand in for the list when there is none. */
    public static final int HISTORY_DAYS = 7;
    /** Most sites the history (and the reported new sites) keep: the oldest go first, so the state stays small. */
    public static final int MAX_SITES = 1000;

    /**
     * What one day's answer brought that was not reported before.
     *
     * @param againstList whether the all-sites list was the reference (else the sites of the last days' answers)
     */
    public record Findings(LocalDate day, List<String> newSites, List<String> goneSites, boolean againstList) {
        public Findings {
            newSites = List.copyOf(newSites);
            goneSites = List.copyOf(goneSites);
        }

        public boolean isEmpty() {
            return newSites.isEmpty() && goneSites.isEmpty();
        }
    }

    /** Site → the last day it was in an answer, for the last {@value #HISTORY_DAYS} days. */
    final NavigableMap<String, LocalDate> seen = new TreeMap<>();
    /** The days answered within the history. */
    final SortedSet<LocalDate> answeredDays = new TreeSet<>();
    /** New sites reported → the last day an answer held them as new. */
    final NavigableMap<String, LocalDate> reportedNew = new TreeMap<>();
    /** Gone sites reported, until they are answered again or leave the reference. */
    final SortedSet<String> reportedGone = new TreeSet<>();
    /** The newest day answered, or null. */
    LocalDate lastDay;

    /**
     * Takes in one day's answer.
     *
     * @param answered  the sites the day's answer holds
     * @param listed    the all-sites list; empty: none, the history stands in
     * @param missingOn for a day before this one, the sites of the list that day's answer lacked (the recovery
     *                  memory's, or the report's own); a day not polled lacks none
     * @return what was not reported before
     */
    public Findings dayAnswered(LocalDate day, Collection<String> answered, Collection<String> listed,
                                Function<LocalDate, Set<String>> missingOn) {
        boolean withList = !listed.isEmpty();
        if (lastDay != null && !day.isAfter(lastDay)) {
            // A day compared before (a restart inside it, or an offset set back): reported then, nothing new now.
            return new Findings(day, List.of(), List.of(), withList);
        }
        SortedSet<String> here = new TreeSet<>(answered);
        SortedSet<String> newNow = new TreeSet<>();
        SortedSet<String> goneNow = new TreeSet<>();
        if (withList) {
            Set<String> list = Set.copyOf(listed);
            here.stream().filter(site -> !list.contains(site)).forEach(newNow::add);
            for (String site : list) {
                if (!here.contains(site) && absentBefore(site, day, missingOn)) {
                    goneNow.add(site);
                }
            }
            reportedNew.keySet().removeAll(list);
            reportedGone.retainAll(list);
        } else {
            LocalDate first = day.minusDays(HISTORY_DAYS);
            Map<String, LocalDate> reference = new TreeMap<>();
            seen.forEach((site, last) -> {
                if (!last.isBefore(first) && last.isBefore(day)) {
                    reference.put(site, last);
                }
            });
            boolean history = answeredDays.stream().anyMatch(d -> !d.isBefore(first) && d.isBefore(day));
            // A history at its cap may have lost sites: they would look new.
            if (history && seen.size() < MAX_SITES) {
                here.stream().filter(site -> !reference.containsKey(site)).forEach(newNow::add);
            }
            boolean inARow = true;
            for (int back = 1; back < GONE_AFTER_DAYS; back++) {
                inARow &= answeredDays.contains(day.minusDays(back));
            }
            LocalDate absentSince = day.minusDays(GONE_AFTER_DAYS - 1);
            if (inARow) {
                reference.forEach((site, last) -> {
                    if (last.isBefore(absentSince) && !here.contains(site)) {
                        goneNow.add(site);
                    }
                });
            }
        }
        reportedGone.removeAll(here);
        Findings found = new Findings(day, newNow.stream().filter(s -> !reportedNew.containsKey(s)).toList(),
                goneNow.stream().filter(s -> !reportedGone.contains(s)).toList(), withList);
        newNow.forEach(site -> reportedNew.merge(site, day, SiteDrift::later));
        reportedGone.addAll(goneNow);
        here.forEach(site -> seen.merge(site, day, SiteDrift::later));
        answeredDays.add(day);
        lastDay = lastDay == null ? day : later(lastDay, day);
        forgetOld(withList);
        return found;
    }

    /** Whether the list's {@code site} is in the memory of each of the days before {@code day} that make a row. */
    private static boolean absentBefore(String site, LocalDate day, Function<LocalDate, Set<String>> missingOn) {
        for (int back = 1; back < GONE_AFTER_DAYS; back++) {
            if (!missingOn.apply(day.minusDays(back)).contains(site)) {
                return false;
            }
        }
        return true;
    }

    /** Drops what left the history, then the oldest beyond {@value #MAX_SITES}. */
    private void forgetOld(boolean withList) {
        LocalDate first = lastDay.minusDays(HISTORY_DAYS);
        seen.values().removeIf(last -> last.isBefore(first));
        answeredDays.headSet(first).clear();
        reportedNew.values().removeIf(last -> last.isBefore(first));
        if (!withList) {
            // Without a list, a gone site is one of the history's: out of it, it is no longer anything. (A day whose
            // list cannot be read clears the list's gone sites too; they are reported once more when it is back.)
            reportedGone.retainAll(seen.keySet());
        }
        cap(seen);
        cap(reportedNew);
        while (reportedGone.size() > MAX_SITES) {
            reportedGone.remove(reportedGone.last());
        }
    }

    private static void cap(NavigableMap<String, LocalDate> sites) {
        if (sites.size() <= MAX_SITES) {
            return;
        }
        sites.entrySet().stream().sorted(Map.Entry.<String, LocalDate>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .limit(sites.size() - MAX_SITES).map(Map.Entry::getKey).toList().forEach(sites::remove);
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    /** New sites still in the newest answer: what the {@code sites-new} metric shows. */
    public int newCount() {
        return (int) reportedNew.values().stream().filter(day -> day.equals(lastDay)).count();
    }

    /** Gone sites not answered since: what the {@code sites-gone} metric shows. */
    public int goneCount() {
        return reportedGone.size();
    }

    /** The new sites still in the newest answer, by name. */
    public List<String> newSites() {
        return reportedNew.entrySet().stream().filter(e -> e.getValue().equals(lastDay)).map(Map.Entry::getKey)
                .toList();
    }

    public List<String> goneSites() {
        return List.copyOf(reportedGone);
    }
}
