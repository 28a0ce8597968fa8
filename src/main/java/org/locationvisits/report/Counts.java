package org.locationvisits.report;

/**
 * Increments of one or more site-days. {@code healthy + recovered + unhealthy + missing + closed == expected}.
 *
 * @param expected   entrances × the day's increments (96; 92 or 100 on the DST change days), summed
 * @param healthy    healthy in an allsites answer of the day
 * @param recovered  healthy in no allsites answer, but in a {@code site/{id}} answer of the day
 * @param unhealthy  answered, never healthy, and not missing by the calendar rule
 * @param missing    no row at all, or unhealthy and {@code is_missing_data} by the calendar rule
 * @param closed     every increment of a site-day of a full-day closure, whatever the answers held
 * @param closedDays site-days of a full-day closure
 */
public record Counts(long expected, long healthy, long recovered, long unhealthy, long missing, long closed,
                     int closedDays) {
    public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0);

    public Counts plus(Counts o) {
        return new Counts(expected + o.expected, healthy + o.healthy, recovered + o.recovered,
                unhealthy + o.unhealthy, missing + o.missing, closed + o.closed, closedDays + o.closedDays);
    }

    /** Expected increments outside closures: the ones that should be healthy. */
    public long open() {
        return expected - closed;
    }

    /** Healthy now (healthy or recovered) per open increment; 1 when nothing was open. */
    public double healthyShare() {
        return open() == 0 ? 1.0 : (healthy + recovered) / (double) open();
    }
}
