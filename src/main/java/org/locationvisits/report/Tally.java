package org.locationvisits.report;

/**
 * What one entrance's increments of one day were in the answers (see {@link DayTally}).
 *
 * @param healthy    healthy in an allsites answer
 * @param recovered  healthy only in a {@code site/{id}} answer
 * @param unhealthy  in some answer, healthy in none, not missing by the calendar rule
 * @param ruleMissing in some answer, healthy in none, and {@code is_missing_data} by the calendar rule
 * @param present    in some answer (the sum of the four above)
 */
record Tally(int healthy, int recovered, int unhealthy, int ruleMissing, int present) {
    static final Tally NONE = new Tally(0, 0, 0, 0, 0);

    Tally plus(Tally o) {
        return new Tally(healthy + o.healthy, recovered + o.recovered, unhealthy + o.unhealthy,
                ruleMissing + o.ruleMissing, present + o.present);
    }
}
