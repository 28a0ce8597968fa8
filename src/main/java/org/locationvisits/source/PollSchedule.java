package org.locationvisits.source;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.connect.errors.ConnectException;
import org.locationvisits.offsets.SourceOffsets;

/**
 * Which days are due, by the task's clock in America/New_York, where ShopperTrak's days and poll_date live. Public
 * so that {@code plan} tells the next run's days by the same rules, without polling.
 */
public final class PollSchedule {
    /**
     * A system property naming a fixed instant (ISO-8601) a task built by a worker takes as "now": to rehearse a
     * given day, and for tests of a real worker. Unset: the system clock.
     */
    static final String CLOCK_PROPERTY = "location.visits.fixed.instant";

    private final Clock clock;
    private final SourceConfig config;

    public PollSchedule(Clock clock, SourceConfig config) {
        this.clock = clock;
        this.config = config;
    }

    public static Clock clockFromProperty() {
        String fixed = System.getProperty(CLOCK_PROPERTY);
        return fixed == null || fixed.isBlank() ? Clock.systemUTC()
                : Clock.fixed(Instant.parse(fixed.strip()), java.time.ZoneOffset.UTC);
    }

    public Instant now() {
        return clock.instant();
    }

    /** Today in New York: the records' poll_date. */
    public LocalDate pollDate() {
        return LocalDate.ofInstant(clock.instant(), SourceConfig.ZONE);
    }

    /**
     * Yesterday, or the end date if earlier; a long-running task polls day D only after POLL_TIME on D+1, when
     * ShopperTrak has its counts (before it, the day before yesterday).
     */
    public LocalDate lastDayToPoll() {
        ZonedDateTime local = clock.instant().atZone(SourceConfig.ZONE);
        LocalDate last = local.toLocalDate().minusDays(1);
        if (config.waitForPollTime() && local.toLocalTime().isBefore(config.pollTime())) {
            last = last.minusDays(1);
        }
        LocalDate bound = last;
        return config.endDate().filter(end -> end.isBefore(bound)).orElse(bound);
    }

    /** The next POLL_TIME in New York after {@code now}. */
    public Instant nextPollTime(Instant now) {
        ZonedDateTime local = now.atZone(SourceConfig.ZONE);
        ZonedDateTime today = local.toLocalDate().atTime(config.pollTime()).atZone(SourceConfig.ZONE);
        return (today.isAfter(local) ? today : today.plusDays(1)).toInstant();
    }

    /**
     * The last day delivered, which polling starts after: the stored offset's {@code last_poll_date}, else the
     * initial date setting.
     *
     * @param stored the main partition's stored offset, or null
     * @throws ConnectException when the stored day cannot have been delivered (after yesterday), or none is stored
     *                          and no initial date is set
     */
    public LocalDate lastDelivered(Map<String, ?> stored) {
        LocalDate committed = SourceOffsets.lastPollDate(stored);
        String impossible = SourceOffsets.problemWithStored(committed, pollDate().minusDays(1));
        if (impossible != null) {
            throw new ConnectException(impossible);
        }
        return Optional.ofNullable(committed).or(config::initialLastPollDate).orElseThrow(() ->
                new ConnectException("No offset is stored yet and " + SourceConfig.INITIAL_DATE_CONFIG
                        + " (LAST_POLL_DATE) is empty: set it to the last day already delivered, as YYYY-MM-DD"));
    }
}
