package org.locationvisits.source;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.locationvisits.calendar.MissingDataRule;
import org.locationvisits.common.Sleeper;
import org.locationvisits.drift.DriftWatch;
import org.locationvisits.offsets.DayPosition;
import org.locationvisits.offsets.PlacedDay;
import org.locationvisits.offsets.SourceOffsets;
import org.locationvisits.record.DayRecords;
import org.locationvisits.recovery.RecoveryCycle;
import org.locationvisits.shoppertrak.DayFailure;
import org.locationvisits.shoppertrak.DayResult;
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
    private final DriftWatch drift;
    private final MissingDataRule missingRule;
    private final Set<LocalDate> badPollDates;
    private final AtomicInteger dailyApiCalls = new AtomicInteger();
    private volatile LocalDate lastEmitted;
    private Optional<DayPosition> resumeAfter;
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
        this.badPollDates = config.badPollDates();
        Map<String, Object> stored = offsets.offset(SourceOffsets.PARTITION);
        LocalDate committed = SourceOffsets.lastPollDate(stored);
        lastEmitted = schedule.lastDelivered(stored);
        resumeAfter = stored == null ? Optional.empty() : DayPosition.of(stored);
        recovery = new RecoveryCycle(services, new RecoveryCycle.Settings(badPollDates, config.markStaleRows(),
                config.dailyCallLimit(), config.recoverySchedule()), lastEmitted);
        recovery.restore(offsets, schedule.pollDate());
        drift = DriftWatch.start(offsets, recovery);
        progress.driftWith(drift::counts);
        dailyLimit = new DailyLimit(schedule, recovery);
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

    private List<SourceRecord> pollDay(LocalDate day, Instant now) {
        long started = System.nanoTime();
        // The gate stops the request before any call, retries included, that would pass the daily call limit.
        DayResult result = services.shopperTrak().allSites(day, recovery.callGate(schedule::pollDate));
        dailyApiCalls.addAndGet(result.apiCalls());
        recovery.spent(schedule.pollDate(), result.apiCalls());
        if (result instanceof DayResult.LimitReached) {
            limitReached(now);
            return null;
        }
        if (!(result instanceof DayResult.Rows rows)) {
            if (DayFailure.byOwnStop(result)) { // our own stop cancelled it: not a failure of the day
                log.debug("Day {} not fetched: the task is stopping", day);
                return null;
            }
            DayFailure failure = DayFailure.of(result);
            if (badPollDates.contains(day) && DayFailure.failsOnTheDay(result)) {
                // INFO, not WARN: the operator listed the day; operators alarm on WARN/ERROR (as today's poller).
                log.info("Day {} skipped: it is a listed bad poll date (BAD_POLL_DATES) and ShopperTrak failed on it "
                        + "({}); the offset passes it once every day before it is delivered", day, failure.reason());
                dealtWithoutRecords(day);
                return null;
            }
            if (result instanceof DayResult.Failed f && f.answered() && recovery.due(schedule.pollDate())) {
                // ShopperTrak answered, about this day only: the earlier days are recovered first, as today's
                // poller does; the day's failure (offset stays, exit 1) is reported once the pass is over.
                log.info("Day {} failed ({}); recovering the days before it first", day, failure.reason());
                failedBeforeRecovery = failure;
                recovery.start(schedule::pollDate);
                return null;
            }
            failed(failure, now);
            return null;
        }
        if (rows.raw() != null) {
            services.dataLake().ifPresent(lake -> lake.store(day, rows.raw()));
        }
        DayStats stats = DayStats.of(rows, Duration.ofNanos(System.nanoTime() - started));
        progress.dayFetched(stats);
        drift.dayAnswered(day, rows.rows()); // before dayPolled: the day's records carry what it found
        Optional<DayPosition> resume = resumeAfter.filter(p -> p.day().equals(day));
        PlacedDay placed = new PlacedDay(day, rows.rows(), resume,
                resume.isPresent() ? recovery.missingOn(day) : Set.of());
        List<SourceRecord> records = dayRecords().day(day, placed.unsent(),
                recovery.dayPolled(day, rows.rows(), schedule.pollDate(), placed::sentBefore));
        resumeAfter = Optional.empty();
        progress.handedOut();
        if (records.isEmpty()) {
            dealtWithoutRecords(day);
            return null;
        }
        lastEmitted = day;
        log.debug("Fetched {}: {} rows, {}% healthy, {} API call(s), {} s", day, stats.rows(),
                String.format("%.1f", stats.healthyShare() * 100), stats.apiCalls(),
                String.format("%.1f", stats.fetchTime().toMillis() / 1000.0));
        return records;
    }

    private List<SourceRecord> recoverNext() {
        progress.working();
        List<SourceRecord> records = recovery.next(dayRecords(), standingOffset());
        if (records == null || records.isEmpty()) {
            return null;
        }
        progress.dayFetched(new DayStats(lastEmitted, records.size(), 0, 0, Duration.ZERO, true));
        return records;
    }

    /**
     * The main offset's own keys as they stand: the last emitted day, and the position inside the next day a restart
     * resumes after, while that day is not yet delivered again. Recovered records carry it, so recovery never loses it.
     */
    private Map<String, Object> standingOffset() {
        return resumeAfter.filter(p -> p.day().equals(lastEmitted.plusDays(1))).map(DayPosition::offset)
                .orElseGet(() -> new java.util.LinkedHashMap<>(SourceOffsets.offset(lastEmitted)));
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
        progress.totals(new PollProgress.Totals(today, lastEmitted, dailyApiCalls.get(), recovery.stats(),
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
