package org.locationvisits.shoppertrak.simulator;

import java.time.LocalDate;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Late corrections that take their time, as ShopperTrak's do: the {@code site/{id}} answer for a site-day turns
 * corrected (every increment healthy, with counts) a drawn number of days after its day, and stays so; until then
 * it answers as on the day itself. The number of days is geometric with mean {@code meanDays} (at least 1), drawn
 * from a hash of (seed, date, site), so every run draws the same. Sites {@code brokenForGood} are never corrected.
 * {@code today} is the simulated New York day (a benchmark moves it on).
 */
public record CorrectionDelays(long seed, double meanDays, Set<String> brokenForGood, Supplier<LocalDate> today) {
    public CorrectionDelays {
        if (!(meanDays >= 1)) {
            throw new IllegalArgumentException("the mean correction delay must be at least 1 day, got " + meanDays);
        }
        brokenForGood = Set.copyOf(brokenForGood);
    }

    /** Days after {@code date} from which ShopperTrak answers it corrected; {@link Integer#MAX_VALUE}: never. */
    public int delay(LocalDate date, String siteId) {
        if (brokenForGood.contains(siteId)) {
            return Integer.MAX_VALUE;
        }
        if (meanDays == 1) {
            return 1;
        }
        long h = SimulatedTraffic.mix(seed ^ SimulatedTraffic.mix(date.toEpochDay() * 1_000_003L + siteId.hashCode())
                ^ 0x5DEECE66DL);
        // A uniform draw in (0, 1], then the inverse of the geometric distribution's tail on 1, 2, 3, ...
        double u = ((h >>> 11) + 1) / (double) (1L << 53);
        double keep = 1 - 1 / meanDays;
        double days = 1 + Math.floor(Math.log(u) / Math.log(keep));
        return days >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) days;
    }

    /** Whether the answer for this site-day is corrected by {@link #today}. */
    public boolean corrected(LocalDate date, String siteId) {
        int delay = delay(date, siteId);
        return delay != Integer.MAX_VALUE && !today.get().isBefore(date.plusDays(delay));
    }
}
