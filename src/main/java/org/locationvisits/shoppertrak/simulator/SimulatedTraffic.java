package org.locationvisits.shoppertrak.simulator;

import java.io.IOException;
import java.io.Writer;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.locationvisits.shoppertrak.ApiVersion;
import org.locationvisits.shoppertrak.TrafficRow;

/**
 * Deterministic people-counting data for a made-up library system. Every count is a hash of
 * (seed, date, site, entrance, increment), so any day can be produced again in any order,
 * and {@link #expectedRows} tells tests exactly what a correct parser must produce.
 *
 * <p>Times are local to the sites (America/New_York), as ShopperTrak reports them: the
 * spring-forward day has 92 increments per entrance (no 02:00-02:45), the fall-back day 100
 * (01:00-01:45 twice, in the order they happened).
 */
public final class SimulatedTraffic {
    /** The sites' time zone. */
    public static final ZoneId ZONE = ZoneId.of("America/New_York");
    private final List<String> siteIds;
    private final List<String> inAllSites;
    private final Set<String> known;
    private final long seed;
    private final int fixedEntrances;

    public SimulatedTraffic(int sites, long seed) {
        this(sites, seed, 0);
    }

    /** @param fixedEntrances entrances of every site (1–4), or 0 for 1 to 4 varying by site */
    public SimulatedTraffic(int sites, long seed, int fixedEntrances) {
        this(sites, seed, fixedEntrances, Set.of());
    }

    /**
     * @param missingFromAllSites sites left out of allsites answers; site/{id} still answers them
     * @throws IllegalArgumentException when one of them is not a site of this account
     */
    public SimulatedTraffic(int sites, long seed, int fixedEntrances, Collection<String> missingFromAllSites) {
        if (fixedEntrances < 0 || fixedEntrances > 4) {
            throw new IllegalArgumentException("entrances must be 0 (varying) or 1 to 4, got " + fixedEntrances);
        }
        this.fixedEntrances = fixedEntrances;
        if (sites < 1) {
            throw new IllegalArgumentException("sites must be at least 1, got " + sites);
        }
        this.seed = seed;
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; ids.size() < sites; i++) {
            ids.add(SiteNames.name(i));
        }
        this.known = ids;
        this.siteIds = List.copyOf(ids);
        for (String missing : missingFromAllSites) {
            if (!ids.contains(missing)) {
                throw new IllegalArgumentException("missing site '" + missing + "' is not one of the "
                        + sites + " simulated sites (they start " + siteIds.subList(0, Math.min(3, sites)) + ")");
            }
        }
        this.inAllSites = siteIds.stream().filter(id -> !missingFromAllSites.contains(id)).toList();
    }

    /** Every site of the account: the site endpoint answers each of them. */
    public List<String> siteIds() {
        return siteIds;
    }

    /** The sites an allsites answer holds: all but the missing ones. */
    public List<String> sitesInAllSites() {
        return inAllSites;
    }

    /**
     * The local start times of a day's increments in the order they happened: 96 on most days,
     * 92 on the spring-forward day, 100 on the fall-back day (01:00-01:45 twice).
     */
    public static List<LocalTime> startTimes(LocalDate date) {
        ZonedDateTime end = date.plusDays(1).atStartOfDay(ZONE);
        List<LocalTime> times = new ArrayList<>(100);
        // Time-based units move along the instant time-line, so a DST gap or overlap shows up here.
        for (ZonedDateTime t = date.atStartOfDay(ZONE); t.isBefore(end); t = t.plusMinutes(15)) {
            times.add(t.toLocalTime());
        }
        return times;
    }

    public boolean hasSite(String siteId) {
        return known.contains(siteId);
    }

    /** 1 to 4 entrances, fixed per site. */
    public int entrances(String siteId) {
        if (fixedEntrances > 0) {
            return fixedEntrances;
        }
        return 1 + (int) Math.floorMod(mix(siteId.hashCode() * 31L + 7), 4L);
    }

    /** The entrance name as ShopperTrak spells it: the formats vary, as they do in real accounts. */
    String entranceName(String siteId, int orbit) {
        return switch ((int) Math.floorMod(mix(siteId.hashCode() * 131L + orbit), 3L)) {
            case 0 -> String.format("EP %02d", orbit);
            case 1 -> String.format(" EP%02d ", orbit);
            default -> "EP " + orbit;
        };
    }

    /** One reading; enters/exits null stand for a blank attribute. */
    record Reading(String code, Integer enters, Integer exits) { }

    /**
     * A library day: closed (almost always 0) at night, busiest early afternoon, quieter on Sundays.
     *
     * @param index     the increment's position in the day (0 to 91, 95 or 99)
     * @param start     its local start time
     * @param corrected as ShopperTrak answers once it has corrected the day: every increment
     *                  healthy, with the counts a healthy counter would have given
     */
    Reading reading(LocalDate date, String siteId, int orbit, int index, LocalTime start, boolean corrected) {
        long h = mix(seed ^ mix(date.toEpochDay() * 1_000_003L + siteId.hashCode()) ^ (orbit * 977L + index));
        boolean unhealthy = !corrected && Math.floorMod(h, 20L) == 0;
        int increment = start.getHour() * 4 + start.getMinute() / 15;
        if (unhealthy && Math.floorMod(h >>> 8, 3L) == 0) {
            return new Reading("02", null, null);
        }
        int open = 9 * 4;
        int close = 20 * 4;
        int enters;
        int exits;
        if (increment < open || increment >= close) {
            enters = Math.floorMod(h >>> 16, 50L) == 0 ? 1 : 0;
            exits = enters;
        } else {
            double size = 6 + Math.floorMod(mix(siteId.hashCode()), 30L);
            double day = date.getDayOfWeek() == DayOfWeek.SUNDAY ? 0.5 : 1.0;
            double noise = 0.75 + Math.floorMod(h >>> 20, 500L) / 1000.0;
            enters = (int) Math.round(size * day * noise * shape(increment, open, close) / orbit);
            exits = (int) Math.round(size * day * noise * shape(increment - 2, open, close) / orbit);
        }
        return new Reading(unhealthy ? "02" : "01", enters, exits);
    }

    private static double shape(int increment, int open, int close) {
        double phase = Math.max(0, Math.min(1, (increment - open + 1) / (double) (close - open)));
        return Math.sin(Math.PI * phase);
    }

    /** Writes the allsites answer for a day. */
    public void writeAllSites(LocalDate date, ApiVersion version, Writer out) throws IOException {
        write(date, date, inAllSites, version, false, out);
    }

    /** Writes the answer of the site endpoint for a known site. */
    public void writeSite(LocalDate date, String siteId, ApiVersion version, Writer out) throws IOException {
        write(date, date, List.of(siteId), version, false, out);
    }

    /** Streams the document; {@code shownDate} differs from {@code date} only to simulate wrong data. */
    void write(LocalDate date, LocalDate shownDate, Collection<String> sites, ApiVersion version, boolean corrected,
               Writer out) throws IOException {
        write(date, shownDate, sites, version, corrected, 0, out);
    }

    /** As above, with a comment of {@code paddingBytes} bytes inside the root (an oversized answer). */
    void write(LocalDate date, LocalDate shownDate, Collection<String> sites, ApiVersion version, boolean corrected,
               long paddingBytes, Writer out) throws IOException {
        new TrafficXmlWriter(this, out, paddingBytes).write(date, shownDate, sites, version, corrected);
    }

    /** Exactly what the parser must produce from {@code writeAllSites} (null) or {@code writeSite}. */
    public List<TrafficRow> expectedRows(LocalDate date, String siteIdOrNullForAll) {
        return expectedRows(date, siteIdOrNullForAll, false);
    }

    /**
     * As {@link #expectedRows(LocalDate, String)}; with {@code corrected}, what a late correction
     * answers instead (see {@code Faults.lateCorrections}): unhealthy increments healthy, with counts.
     */
    public List<TrafficRow> expectedRows(LocalDate date, String siteIdOrNullForAll, boolean corrected) {
        List<String> sites = siteIdOrNullForAll == null ? inAllSites : List.of(siteIdOrNullForAll);
        List<LocalTime> starts = startTimes(date);
        List<TrafficRow> rows = new ArrayList<>();
        for (String site : sites) {
            for (int orbit = 1, n = entrances(site); orbit <= n; orbit++) {
                for (int i = 0; i < starts.size(); i++) {
                    LocalTime t = starts.get(i);
                    Reading r = reading(date, site, orbit, i, t, corrected);
                    String start = String.format("%sT%02d:%02d:00", date, t.getHour(), t.getMinute());
                    rows.add(new TrafficRow(site, orbit, start, r.enters(), r.exits(), r.code().equals("01")));
                }
            }
        }
        return rows;
    }

    /** SplitMix64 finaliser: spreads neighbouring inputs over the whole long range. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
