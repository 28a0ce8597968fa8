package org.locationvisits.endpoints;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.locationvisits.shoppertrak.DayFailure;
import org.locationvisits.source.PollProgress;
import org.locationvisits.source.SourceConfig;

/**
 * What {@code GET /health/ready} answers: ready when the last poll succeeded and the job is at most one day behind.
 * "Behind" counts from yesterday in America/New_York by the job's clock to the last day emitted: ShopperTrak has
 * day D only after POLL_TIME on D+1, so one day behind is the normal state between midnight and the poll.
 * "The last poll failed" is a day's failure that stands: the day is not emitted since (a later success, or a
 * listed bad day dealt with, clears it).
 */
public final class Readiness {
    /** More days behind than this is not ready. */
    static final long MAX_DAYS_BEHIND = 1;

    private final PollProgress progress;
    private final Clock clock;
    private final Optional<LocalDate> endDate;

    public Readiness(PollProgress progress, Clock clock) {
        this(progress, clock, Optional.empty());
    }

    /** @param endDate LAST_END_DATE: the job polls no day after it, so it is never behind it */
    public Readiness(PollProgress progress, Clock clock, Optional<LocalDate> endDate) {
        this.progress = progress;
        this.clock = clock;
        this.endDate = endDate;
    }

    /** Why the job is not ready, in words an operator acts on; empty when ready. */
    public Optional<String> problem() {
        LocalDate lastEmitted = progress.totals().lastEmitted();
        if (lastEmitted == null) {
            return Optional.of("not started: the task has not read its stored offset yet");
        }
        Optional<DayFailure> failure = progress.lastFailure().filter(f -> f.day() == null
                || f.day().isAfter(lastEmitted));
        if (failure.isPresent()) {
            DayFailure f = failure.get();
            return Optional.of("the last poll failed" + (f.day() == null ? "" : " at " + f.day()) + ": "
                    + f.reason() + "; see the log for when it is tried again");
        }
        long behind = daysBehind();
        if (behind > MAX_DAYS_BEHIND) {
            return Optional.of(behind + " days behind: the last day emitted is " + lastEmitted + ", " + lastDayName()
                    + " is " + lastDayToPoll() + "; ready at most " + MAX_DAYS_BEHIND + " day behind");
        }
        return Optional.empty();
    }

    /** The 200 answer's one line. */
    public String ready() {
        return "ready: last day emitted " + progress.totals().lastEmitted() + ", " + daysBehind()
                + " day(s) behind " + lastDayName() + " " + lastDayToPoll();
    }

    /**
     * The last day to poll (yesterday in New York by the clock, or LAST_END_DATE when earlier) minus the last day
     * emitted; 0 before the task has read its offset.
     */
    public long daysBehind() {
        LocalDate lastEmitted = progress.totals().lastEmitted();
        return lastEmitted == null ? 0 : Math.max(0, ChronoUnit.DAYS.between(lastEmitted, lastDayToPoll()));
    }

    private LocalDate lastDayToPoll() {
        return endDate.filter(end -> end.isBefore(yesterday())).orElse(yesterday());
    }

    private String lastDayName() {
        return endDate.filter(end -> end.isBefore(yesterday())).isPresent() ? "LAST_END_DATE" : "yesterday (New York)";
    }

    private LocalDate yesterday() {
        return LocalDate.now(clock.withZone(SourceConfig.ZONE)).minusDays(1);
    }
}
