package org.locationvisits.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.locationvisits.calendar.LocationCalendar;
import org.locationvisits.calendar.MissingDataRule;
import org.locationvisits.datalake.DataLakeReader;

/**
 * Builds the completeness report of a range from the data-lake archive alone (no ShopperTrak call). Days are
 * read in parallel; a site's entrances are every orbit seen for it on any day of the range, so a site absent from
 * a day still has that day's increments expected (and missing).
 */
public final class ReportBuilder {
    private final DataLakeReader lake;
    private final LocationCalendar calendar;
    private final List<String> listedSites;
    private final int threads;

    /**
     * @param listedSites the all-sites list (may be empty): its sites are expected even on days no answer holds them
     * @param threads     days read at once
     */
    public ReportBuilder(DataLakeReader lake, LocationCalendar calendar, List<String> listedSites, int threads) {
        this.lake = lake;
        this.calendar = calendar;
        this.listedSites = List.copyOf(listedSites);
        this.threads = Math.max(1, threads);
    }

    public CompletenessReport build(LocalDate from, LocalDate to) {
        List<DayReader.Day> days = readDays(from.datesUntil(to.plusDays(1)).toList());
        Map<String, Set<Integer>> entrances = new HashMap<>();
        int answers = 0;
        int unreadable = 0;
        for (DayReader.Day day : days) {
            day.tallies().forEach((site, orbits) ->
                    entrances.computeIfAbsent(site, s -> new HashSet<>()).addAll(orbits.keySet()));
            answers += day.answers();
            unreadable += day.unreadable();
        }
        Map<String, List<SiteDay>> rows = new HashMap<>();
        entrances.forEach((site, orbits) -> rows.put(site, days.stream().map(d -> siteDay(site, orbits, d)).toList()));
        Set<String> unreportable = new LinkedHashSet<>(listedSites);
        unreportable.removeAll(entrances.keySet());
        DriftOfDays drift = new DriftOfDays(listedSites);
        // As the task does: only a day's allsites answer says which sites ShopperTrak answered (recovery's site
        // answers alone would make every other listed site look absent).
        days.stream().filter(DayReader.Day::allSitesRead).forEach(d -> drift.day(d.day(), d.tallies().keySet()));
        return new CompletenessReport(lake.location(), days.stream().map(DayReader.Day::day).toList(), rows,
                List.copyOf(unreportable), answers, unreadable, drift.findings());
    }

    private SiteDay siteDay(String site, Set<Integer> orbits, DayReader.Day day) {
        Map<Integer, Tally> tallies = day.tallies().get(site);
        long expected = (long) orbits.size() * day.increments();
        if (calendar.closedAllDay(site, day.day())) {
            return new SiteDay(site, day.day(), orbits.size(), tallies != null, 0,
                    new Counts(expected, 0, 0, 0, 0, expected, 1));
        }
        Tally sum = tallies == null ? Tally.NONE
                : tallies.values().stream().reduce(Tally.NONE, Tally::plus);
        long noRow = expected - sum.present();
        return new SiteDay(site, day.day(), orbits.size(), tallies != null, noRow,
                new Counts(expected, sum.healthy(), sum.recovered(), sum.unhealthy(), noRow + sum.ruleMissing(), 0, 0));
    }

    private List<DayReader.Day> readDays(List<LocalDate> dates) {
        DayReader reader = new DayReader(lake, new MissingDataRule(calendar));
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, dates.size())), r -> {
            Thread t = new Thread(r, "report-day-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<DayReader.Day>> futures = new ArrayList<>();
            for (LocalDate date : dates) {
                futures.add(pool.submit(() -> reader.read(date)));
            }
            List<DayReader.Day> days = new ArrayList<>(dates.size());
            for (Future<DayReader.Day> future : futures) {
                days.add(future.get());
            }
            return days;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading " + lake.location(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Reading " + lake.location() + " failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
