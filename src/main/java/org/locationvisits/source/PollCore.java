package org.locationvisits.source;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.locationvisits.calendar.MissingDataRule;
import org.locationvisits.common.Sleeper;
import org.locationvisits.drift.DriftWatch;
import org.locationvisits.offsets.DayPosition;
import org.locationvisits.offsets.SourceOffsets;
import org.locationvisits.record.DayRecords;
import org.locationvisits.recovery.RecoveryCycle;
import org.locationvisits.shoppertrak.DayFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the source task does, apart from Connect: polls ShopperTrak day by day, from the day after the committed
 * {@code last_poll_date} through the end date (yesterday in New York unless configured), and hands out each day's
 * rows as one batch. A day that fails emits nothing; it is tried again later and never skipped, unless it is a listed
 * bad poll date ShopperTrak failed on. Once caught up, or when ShopperTrak answered with an error about the day, a
 * recovery pass re-queries the unhealthy and missing site-days of the last 30 days, one site-day per batch, without
 * moving the offset. The daily call limit may stop it all until the next day ({@link DailyLimit}). Tells
 * {@link PollProgress} what it did.
 */
final class PollCore {
    private static final Logger log = LoggerFactory.getLogger(PollCore.class);
    /** Longest time poll() blocks, so the worker can stop, commit and rebalance. */
    private static final Duration MAX_POLL_WAIT = Duration.ofSeconds(1);

    private final SourceConfig config;
    private final SourceServices services;
    private final PollSchedule schedule;
    private final Sleeper waitOrStop;
    private final PollProgress progress;
    private final RecoveryCycle recovery;
    private final DailyLimit dailyLimit;
    private final MissingDataRule missingRule;
    private final DayPoll dayPoll;
    private volatile LocalDate lastEmitted;
    private Instant waitUntil = Instant.MIN;
    /** The daily poll's failure, reported once the recovery pass it lets run first is over. */
    private DayFailure failedBeforeRecovery;

    /**
     * Reads the stored offset and recovery memory.
     *
     * @throws ConnectException when the stored offset cannot be right, or none is stored and no initial date is set
     */
    PollCore(SourceConfig config, SourceServices services, OffsetStorageReader offsets, PollSchedule schedule,
             Sleeper waitOrStop, PollProgress progress) {
        this.config = config;
        this.services = services;
        this.schedule = schedule;
        this.waitOrStop = waitOrStop;
        this.progress = progress;
        this.missingRule = new MissingDataRule(services.calendar());
        Set<LocalDate> badPollDates = config.badPollDates();
        Map<String, Object> stored = offsets.offset(SourceOffsets.PARTITION);
        LocalDate committed = SourceOffsets.lastPollDate(stored);
        lastEmitted = schedule.lastDelivered(stored);
        Optional<DayPosition> resumeAfter = stored == null ? Optional.empty() : DayPosition.of(stored);
        recovery = new RecoveryCycle(services, new RecoveryCycle.Settings(badPollDates, config.markStaleRows(),
                config.dailyCallLimit(), config.recoverySchedule()), lastEmitted);
        recovery.restore(offsets, schedule.pollDate());
        DriftWatch drift = DriftWatch.start(offsets, recovery);
        progress.driftWith(drift::counts);
        dailyLimit = new DailyLimit(schedule, recovery);
        dayPoll = new DayPoll(services, schedule, progress, recovery, drift, badPollDates, this::dayRecords,
                resumeAfter);
        progress.countCallsWith(() -> recovery.calls(schedule.pollDate()));
        publishTotals();
        log.info("Starting after last_poll_date {} ({}), polling through {}{}", lastEmitted,
                committed != null ? "stored offset" : "initial date setting",
                config.endDate().map(LocalDate::toString).orElse("yesterday, every day"),
                resumeAfter.map(p -> "; resuming " + p).orElse(""));
    }

    /** The next batch to hand out: a day's rows, a recovered site-day's, or null (waiting, or nothing to do). */
    List<SourceRecord> poll() throws InterruptedException {
        try {
            return next();
        } finally {
            publishTotals();
        }
    }

    void acknowledged(SourceRecord record, boolean delivered) {
        if (delivered) {
            recovery.delivered(record);
        } else {
            recovery.dropped(record);
        }
    }

    void commit() {
        recovery.flushStaleMarks();
        publishTotals();
    }

    private List<SourceRecord> next() throws InterruptedException {
        recovery.flushStaleMarks();
        recovery.polling(schedule.pollDate(), lastEmitted);
        Instant now = schedule.now();
        if (now.isBefore(waitUntil)) {
            waitOrStop.sleep(java.util.Collections.min(List.of(Duration.between(now, waitUntil), MAX_POLL_WAIT)));
            return null;
        }
        if (recovery.active()) {
            List<SourceRecord> recovered = recoverNext();
            if (recovered != null || recovery.active()) {
                return recovered;
            }
        }
        if (failedBeforeRecovery != null) {
            failed(failedBeforeRecovery, now);
            failedBeforeRecovery = null;
            return null;
        }
        LocalDate day = lastEmitted.plusDays(1);
        if (day.isAfter(schedule.lastDayToPoll())) {
            if (recovery.due(schedule.pollDate())) {
                progress.working();
                recovery.start(schedule::pollDate);
                if (recovery.active()) {
                    return null;
                }
            }
            caughtUp(now);
            return null;
        }
        if (!dailyLimit.allowsNextDay()) {
            limitReached(now);
            return null;
        }
        progress.working();
        return pollDay(day, now);
    }

    /** The daily call limit allows no more calls today: polling waits for the next New York day; a run exits 0. */
    private void limitReached(Instant now) {
        waitUntil = dailyLimit.reached(now, lastEmitted, progress.status() != PollProgress.Status.CAUGHT_UP);
        progress.caughtUp();
    }

    /** Polls the day and acts on what came of it; every offset move waits until the day is dealt with. */
    private List<SourceRecord> pollDay(LocalDate day, Instant now) {
        DayPoll.Outcome outcome = dayPoll.poll(day);
        if (outcome instanceof DayPoll.Outcome.LimitReached) {
            limitReached(now);
        } else if (outcome instanceof DayPoll.Outcome.WithoutRecords without) {
            dealtWithoutRecords(without.day());
        } else if (outcome instanceof DayPoll.Outcome.RecoverFirst first) {
            failedBeforeRecovery = first.failure();
            recovery.start(schedule::pollDate);
        } else if (outcome instanceof DayPoll.Outcome.Failed failedDay) {
            failed(failedDay.failure(), now);
        } else if (outcome instanceof DayPoll.Outcome.Records emitted) {
            lastEmitted = emitted.day();
            return emitted.records();
        }
        return null;
    }

    private List<SourceRecord> recoverNext() {
        progress.working();
        List<SourceRecord> records = recovery.next(dayRecords(), dayPoll.standingOffset(lastEmitted));
        if (records == null || records.isEmpty()) {
            return null;
        }
        progress.dayFetched(new DayStats(lastEmitted, records.size(), 0, 0, Duration.ZERO, true));
        return records;
    }

    private void dealtWithoutRecords(LocalDate day) {
        lastEmitted = day;
        progress.dayWithoutRecords(Map.of(SourceOffsets.PARTITION,
                DayRecords.dayWithoutRecords(day, recovery.state(schedule.pollDate()))));
    }

    private DayRecords dayRecords() {
        return new DayRecords(schedule.pollDate(), config.topic(), services.generation(), missingRule);
    }

    /** Synchronized: commit() publishes too, on another thread, and totals must never go back. */
    private synchronized void publishTotals() {
        LocalDate today = schedule.pollDate();
        progress.totals(new PollProgress.Totals(today, lastEmitted, dayPoll.apiCalls(), recovery.stats(),
                recovery.failure(), recovery.budgetLine(today), dailyLimit.daysLeft(lastEmitted)));
    }

    private void caughtUp(Instant now) {
        if (progress.status() != PollProgress.Status.CAUGHT_UP) {
            log.info("Caught up: every day through {} is emitted", lastEmitted);
        }
        progress.caughtUp();
        waitUntil = config.endDate().isPresent() ? now.plus(MAX_POLL_WAIT) : schedule.nextPollTime(now);
    }

    private void failed(DayFailure failure, Instant now) {
        progress.failed(failure);
        if (failure.fatal()) {
            throw new ConnectException(failure.reason());
        }
        waitUntil = failure.waitForNextPollTime() ? schedule.nextPollTime(now) : now.plus(config.failedDayRetry());
        log.error("Day {} not emitted: {}. Last emitted day stays {}; a running task tries again at {}",
                failure.day(), failure.reason(), lastEmitted, waitUntil);
    }
}
