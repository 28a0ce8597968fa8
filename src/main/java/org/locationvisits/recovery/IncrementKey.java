package org.locationvisits.recovery;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

import org.locationvisits.shoppertrak.TrafficRow;

/**
 * The text the {@link RecoveryMemory} keeps for one increment of a site-day, {@code "<orbit>|HH:MM:SS"} (orbit
 * {@code null} when the answer had none), and the rows and visit keys read back from it.
 */
final class IncrementKey {
    private IncrementKey() {
    }

    static String of(TrafficRow row) {
        return row.orbit() + "|" + row.incrementStart().substring(11);
    }

    /** A row of {@code site} on {@code day} at the key's increment, with counts 0 and unhealthy. */
    static TrafficRow row(LocalDate day, String site, String key) {
        int bar = key.indexOf('|');
        String orbit = key.substring(0, bar);
        return new TrafficRow(site, orbit.equals("null") ? null : Integer.valueOf(orbit),
                day + "T" + key.substring(bar + 1), 0, 0, false);
    }

    /** The visit of {@code siteDay} the key names. */
    static VisitKey visit(SiteDay siteDay, String key) {
        int bar = key.indexOf('|');
        String orbit = key.substring(0, bar);
        return new VisitKey(siteDay.siteId(), orbit.equals("null") ? null : Integer.valueOf(orbit),
                LocalDateTime.of(siteDay.date(), LocalTime.parse(key.substring(bar + 1))));
    }
}
