package org.locationvisits.source;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;

/** Which days are due, by the task's clock in America/New_York, where ShopperTrak's days and poll_date live. */
final class PollSchedule {
    /**
     * A system property naming a fixed instant (ISO-8601) a task built by a worker takes as "now": to rehearse a
     * given day, and for tests of a real worker. Unset: the system clock.
     */
    static final String CLOCK_PROPERTY = "location.visits.fixed.instant";

    private final Clock clock;
    private final SourceConfig config;

    PollSchedule(Clock clock, SourceConfig config) {
        this.clock = clock;
        this.config = config;
    }

    static Clock clockFromProperty() {
        String fixed = System.getProperty(CLOCK_PROPERTY);
        return fixed == null || fixed.isBlank() ? Clock.systemUTC()
                : Clock.fixed(Instant.parse(fixed.strip()), java.time.ZoneOffset.UTC);
    }

    Instant now() {
        return clock.instant();
    }

    /** Today in New York: the records' poll_date. */
    LocalDate pollDate() {
        return LocalDate.ofInstant(clock.instant(), SourceConfig.ZONE);
    }

    /**
     * Yesterday, or the end date if earlier; a long-running task polls day D only after POLL_TIME on D+1, when
     * ShopperTrak has its counts (before it, the day before yesterday).
     */
    LocalDate lastDayToPoll() {
        ZonedDateTime local = clock.instant().atZone(SourceConfig.ZONE);
        LocalDate last = local.toLocalDate().minusDays(1);
        if (config.waitForPollTime() && local.toLocalTime().isBefore(config.pollTime())) {
            last = last.minusDays(1);
        }
        LocalDate bound = last;
        return config.endDate().filter(end -> end.isBefore(bound)).orElse(bound);
    }

    /** The next POLL_TIME in New York after {@code now}. */
    Instant nextPollTime(Instant now) {
        ZonedDateTime local = now.atZone(SourceConfig.ZONE);
        ZonedDateTime today = local.toLocalDate().atTime(config.pollTime()).atZone(SourceConfig.ZONE);
        return (today.isAfter(local) ? today : today.plusDays(1)).toInstant();
    }
}
