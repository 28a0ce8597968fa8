package org.locationvisits.source;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.locationvisits.recovery.RecoveryCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily poll under SHOPPERTRAK_DAILY_CALL_LIMIT: every call counts, the daily poll's included, and each request
 * asks before every call, retries included ({@link RecoveryCycle#callGate}), so the backfill stops before the call
 * that would pass the limit, with the offset at the last delivered day, and goes on on the next New York day.
 * Recovery gets what the daily poll leaves.
 */
final class DailyLimit {
    private static final Logger log = LoggerFactory.getLogger(PollCore.class);

    private final PollSchedule schedule;
    private final RecoveryCycle recovery;

    DailyLimit(PollSchedule schedule, RecoveryCycle recovery) {
        this.schedule = schedule;
        this.recovery = recovery;
    }

    /** Whether one more call fits today's limit (always, with no limit). */
    boolean allowsNextDay() {
        return recovery.allowsCall(schedule.pollDate());
    }

    /** Days the daily poll has still to deliver after {@code lastEmitted}. */
    long daysLeft(LocalDate lastEmitted) {
        return Math.max(0, ChronoUnit.DAYS.between(lastEmitted, schedule.lastDayToPoll()));
    }

    /**
     * The limit is reached: says so in one line (when {@code firstTime}) and returns when polling may go on, the
     * next New York day's poll time (a new day brings a new count).
     */
    Instant reached(Instant now, LocalDate lastEmitted, boolean firstTime) {
        if (firstTime) {
            log.warn("Daily call limit reached (SHOPPERTRAK_DAILY_CALL_LIMIT): {}; {} day(s) through {} remain for the "
                    + "next New York day; last emitted day stays {}", recovery.budgetLine(schedule.pollDate()),
                    daysLeft(lastEmitted), schedule.lastDayToPoll(), lastEmitted);
        }
        Instant nextDay = schedule.pollDate().plusDays(1).atStartOfDay(SourceConfig.ZONE).toInstant();
        Instant nextPoll = schedule.nextPollTime(now);
        return nextPoll.isAfter(nextDay) ? nextPoll : nextDay;
    }
}
