package org.locationvisits.source;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.kafka.connect.source.SourceRecord;
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
 * Fetches one day from ShopperTrak and turns its answer into what {@link PollCore} acts on: the day's records (skipping
 * the rows a restart already sent, from the stored resume position), or why there are none. It moves nothing the day
 * changes in the offset itself: that stays with {@link PollCore}, which decides what to do next.
 */
final class DayPoll {
    /** The source task's own log lines, under one name as {@link DailyLimit}'s are. */
    private static final Logger log = LoggerFactory.getLogger(PollCore.class);

    /** What came of polling a day. */
    sealed interface Outcome {
        /** The daily call limit stopped the request. */
        record LimitReached() implements Outcome { }

        /** Our own stop cancelled the request: not a failure of the day. */
        record Stopped() implements Outcome { }

        /** The day is dealt with but has no records to hand out (a listed bad poll date, or nothing unsent). */
        record WithoutRecords(LocalDate day) implements Outcome { }

        /** ShopperTrak answered with an error about this day only: the earlier days are recovered first. */
        record RecoverFirst(DayFailure failure) implements Outcome { }

        /** The day failed: it is not emitted and is tried again later. */
        record Failed(DayFailure failure) implements Outcome { }

        /** The day's records, to hand out as one batch. */
        record Records(LocalDate day, List<SourceRecord> records) implements Outcome { }
    }

    private final SourceServices services;
    private final PollSchedule schedule;
    private final PollProgress progress;
    private final RecoveryCycle recovery;
    private final DriftWatch drift;
    private final Set<LocalDate> badPollDates;
    private final Supplier<DayRecords> dayRecords;
    private final AtomicInteger dailyApiCalls = new AtomicInteger();
    private Optional<DayPosition> resumeAfter;

    DayPoll(SourceServices services, PollSchedule schedule, PollProgress progress, RecoveryCycle recovery,
            DriftWatch drift, Set<LocalDate> badPollDates, Supplier<DayRecords> dayRecords,
            Optional<DayPosition> resumeAfter) {
        this.services = services;
        this.schedule = schedule;
        this.progress = progress;
        this.recovery = recovery;
        this.drift = drift;
        this.badPollDates = badPollDates;
        this.dayRecords = dayRecords;
        this.resumeAfter = resumeAfter;
    }

    /** API calls the daily polls made since the task started. */
    int apiCalls() {
        return dailyApiCalls.get();
    }

    /** The stored position inside a day a restart resumes after, until that day is polled again. */
    Optional<DayPosition> resumeAfter() {
        return resumeAfter;
    }

    /**
     * The main offset's own keys as they stand: the last emitted day, and the position inside the next day a restart
     * resumes after, while that day is not yet delivered again. Recovered records carry it, so recovery never loses it.
     */
    Map<String, Object> standingOffset(LocalDate lastEmitted) {
        return resumeAfter.filter(p -> p.day().equals(lastEmitted.plusDays(1))).map(DayPosition::offset)
                .orElseGet(() -> new java.util.LinkedHashMap<>(SourceOffsets.offset(lastEmitted)));
    }

    Outcome poll(LocalDate day) {
        long started = System.nanoTime();
        // The gate stops the request before any call, retries included, that would pass the daily call limit.
        DayResult result = services.shopperTrak().allSites(day, recovery.callGate(schedule::pollDate));
        dailyApiCalls.addAndGet(result.apiCalls());
        recovery.spent(schedule.pollDate(), result.apiCalls());
        if (result instanceof DayResult.LimitReached) {
            return new Outcome.LimitReached();
        }
        if (!(result instanceof DayResult.Rows rows)) {
            return failure(day, result);
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
        List<SourceRecord> records = dayRecords.get().day(day, placed.unsent(),
                recovery.dayPolled(day, rows.rows(), schedule.pollDate(), placed::sentBefore));
        resumeAfter = Optional.empty();
        progress.handedOut();
        if (records.isEmpty()) {
            return new Outcome.WithoutRecords(day);
        }
        log.debug("Fetched {}: {} rows, {}% healthy, {} API call(s), {} s", day, stats.rows(),
                String.format("%.1f", stats.healthyShare() * 100), stats.apiCalls(),
                String.format("%.1f", stats.fetchTime().toMillis() / 1000.0));
        return new Outcome.Records(day, records);
    }

    /** A day ShopperTrak gave no rows for: stopping, a listed bad poll date, recovery first, or a failed day. */
    private Outcome failure(LocalDate day, DayResult result) {
        if (DayFailure.byOwnStop(result)) { // our own stop cancelled it: not a failure of the day
            log.debug("Day {} not fetched: the task is stopping", day);
            return new Outcome.Stopped();
        }
        DayFailure failure = DayFailure.of(result);
        if (badPollDates.contains(day) && DayFailure.failsOnTheDay(result)) {
            // INFO, not WARN: the operator listed the day; operators alarm on WARN/ERROR (as today's poller).
            log.info("Day {} skipped: it is a listed bad poll date (BAD_POLL_DATES) and ShopperTrak failed on it "
                    + "({}); the offset passes it once every day before it is delivered", day, failure.reason());
            return new Outcome.WithoutRecords(day);
        }
        if (result instanceof DayResult.Failed f && f.answered() && recovery.due(schedule.pollDate())) {
            // ShopperTrak answered, about this day only: the earlier days are recovered first, as today's
            // poller does; the day's failure (offset stays, exit 1) is reported once the pass is over.
            log.info("Day {} failed ({}); recovering the days before it first", day, failure.reason());
            return new Outcome.RecoverFirst(failure);
        }
        return new Outcome.Failed(failure);
    }
}
