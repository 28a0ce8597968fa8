package org.locationvisits.shoppertrak.simulator;

import java.io.IOException;
import java.io.Writer;
import java.time.DayOfWeek;
import java.time.LocalDate;
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
 */
public final class SimulatedTraffic {
    static final int INCREMENTS = 96;
    private static final String[] BRANCHES = {
        "aa lib", "bronx lib", "ep 42nd st", "snfl", "schwarzman", "jefferson market", "st. agnes", "96th st",
        "webster", "yorkville", "kips bay", "muhlenberg", "epiphany", "hudson park", "seward park",
        "chatham sq", "ottendorfer", "tompkins sq", "morningside hts", "bloomingdale", "countee cullen",
        "macomb's bridge", "washington hts", "inwood", "fort washington", "hamilton grange", "riverside",
        "arts & letters", "spuyten duyvil", "kingsbridge", "mott haven", "parkchester", "pelham bay",
        "throg's neck", "west farms", "st. george", "todt hill", "tottenville", "great kills", "new dorp",
    };
    private static final String[] SUFFIXES = {"lib", "branch", "ctr"};

    private final List<String> siteIds;
    private final Set<String> known;
    private final long seed;
    private final int fixedEntrances;

    public SimulatedTraffic(int sites, long seed) {
        this(sites, seed, 0);
    }

    /** @param fixedEntrances entrances of every site (1–4), or 0 for 1 to 4 varying by site */
    public SimulatedTraffic(int sites, long seed, int fixedEntrances) {
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
            ids.add(i < BRANCHES.length ? BRANCHES[i] : generatedId(i - BRANCHES.length));
        }
        this.known = ids;
        this.siteIds = List.copyOf(ids);
    }

    // Beyond the hand-written list: "bronx lib 2", "webster branch 2", ... unique by construction.
    private static String generatedId(int k) {
        int round = k / (BRANCHES.length * SUFFIXES.length);
        return BRANCHES[k % BRANCHES.length] + " " + SUFFIXES[k / BRANCHES.length % SUFFIXES.length]
                + " " + (round + 2);
    }

    public List<String> siteIds() {
        return siteIds;
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

    /** A library day: closed (almost always 0) at night, busiest early afternoon, quieter on Sundays. */
    Reading reading(LocalDate date, String siteId, int orbit, int increment) {
        long h = mix(seed ^ mix(date.toEpochDay() * 1_000_003L + siteId.hashCode()) ^ (orbit * 977L + increment));
        boolean unhealthy = Math.floorMod(h, 20L) == 0;
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
        write(date, date, siteIds, version, out);
    }

    /** Writes the answer of the site endpoint for a known site. */
    public void writeSite(LocalDate date, String siteId, ApiVersion version, Writer out) throws IOException {
        write(date, date, List.of(siteId), version, out);
    }

    /** Streams the document; {@code shownDate} differs from {@code date} only to simulate wrong data. */
    void write(LocalDate date, LocalDate shownDate, Collection<String> sites, ApiVersion version, Writer out)
            throws IOException {
        new TrafficXmlWriter(this, out).write(date, shownDate, sites, version);
    }

    /** Exactly what the parser must produce from {@code writeAllSites} (null) or {@code writeSite}. */
    public List<TrafficRow> expectedRows(LocalDate date, String siteIdOrNullForAll) {
        List<String> sites = siteIdOrNullForAll == null ? siteIds : List.of(siteIdOrNullForAll);
        List<TrafficRow> rows = new ArrayList<>();
        for (String site : sites) {
            for (int orbit = 1, n = entrances(site); orbit <= n; orbit++) {
                for (int i = 0; i < INCREMENTS; i++) {
                    Reading r = reading(date, site, orbit, i);
                    String start = String.format("%sT%02d:%02d:00", date, i / 4, i % 4 * 15);
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
