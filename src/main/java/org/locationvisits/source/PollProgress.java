package org.locationvisits.source;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.locationvisits.drift.DriftCounts;
import org.locationvisits.recovery.RecoveryStats;
import org.locationvisits.shoppertrak.DayFailure;

/**
 * What the poll core tells whoever runs it, as it happens: the task's plugin metrics read it on a Connect worker;
 * the embedded runner hands its own to the task it builds, to know when a run ends and what it did. Written by the
 * thread that polls, read by any: every field is safe to read from another thread.
 */
public final class PollProgress {
    /** What the task is doing; a run ends once it is caught up or waits after a failure. */
    public enum Status { WORKING, CAUGHT_UP, WAITING_AFTER_FAILURE }

    /**
     * The run's totals, as they stood after the last poll.
     *
     * @param callsToday      today's calls and the daily limit, for the run's last line
     * @param daysLeft        days the daily poll has still to deliver (e.g. once the daily call limit is reached)
     */
    public record Totals(LocalDate today, LocalDate lastEmitted, int dailyApiCalls, RecoveryStats recovery,
                         Optional<String> recoveryFailure, String callsToday, long daysLeft) {
        static final Totals NONE = new Totals(null, null, 0, RecoveryStats.NONE, Optional.empty(), "", 0);
    }

    private final AtomicReference<Map<Map<String, ?>, Map<String, ?>>> withoutRecords = new AtomicReference<>();
    private final AtomicLong daysEmitted = new AtomicLong();
    private final AtomicLong rowsEmitted = new AtomicLong();
    private volatile Status status = Status.WORKING;
    private volatile DayFailure lastFailure;
    private volatile DayStats lastDay;
    private volatile DayStats lastPolledDay;
    private volatile Totals totals = Totals.NONE;
    private volatile Supplier<Map<String, Object>> callCount = Map::of;
    private volatile Supplier<DriftCounts> drift = () -> DriftCounts.NONE;

    public Status status() {
        return status;
    }

    /** Why the last day failed, until a day is handed out again. */
    public Optional<DayFailure> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /** How the fetch of the last batch handed out went (a day's, or a recovered site-day's). */
    public Optional<DayStats> lastDay() {
        return Optional.ofNullable(lastDay);
    }

    /**
     * The offsets of the last day dealt with that had no records to hand out (a listed bad poll date ShopperTrak
     * failed on, an empty answer, or the rest of a day delivered before a restart), once: a runtime that can store
     * offsets without records (the embedded runner) commits them in order with the days around it. A Connect
     * worker cannot; there the next day's records carry the day as their {@code last_poll_date}.
     */
    public Optional<Map<Map<String, ?>, Map<String, ?>>> takeDayWithoutRecords() {
        return Optional.ofNullable(withoutRecords.getAndSet(null));
    }

    /** How the fetch of the last day of the daily poll went (recovered batches apart). */
    public Optional<DayStats> lastPolledDay() {
        return Optional.ofNullable(lastPolledDay);
    }

    public Totals totals() {
        return totals;
    }

    /**
     * Today's call count as keys of the main offset ({@code calls_day}, {@code calls}), as it stands now: read when a
     * run ends, it counts every call spent, also one whose poll has not returned (a stop while it stores its answer).
     */
    public Map<String, Object> callCount() {
        return callCount.get();
    }

    /** The sites drifting from the all-sites list as the task last saw them (stored with the offset). */
    public DriftCounts drift() {
        return drift.get();
    }

    /** Days of the daily poll handed out since start, and their rows (recovered batches apart). */
    public long daysEmitted() {
        return daysEmitted.get();
    }

    public long rowsEmitted() {
        return rowsEmitted.get();
    }

    void working() {
        status = Status.WORKING;
    }

    void caughtUp() {
        status = Status.CAUGHT_UP;
    }

    void failed(DayFailure failure) {
        lastFailure = failure;
        status = Status.WAITING_AFTER_FAILURE;
    }

    void dayFetched(DayStats stats) {
        lastDay = stats;
        if (!stats.recovered()) {
            lastPolledDay = stats;
            daysEmitted.incrementAndGet();
            rowsEmitted.addAndGet(stats.rows());
        }
    }

    void handedOut() {
        lastFailure = null;
    }

    void dayWithoutRecords(Map<Map<String, ?>, Map<String, ?>> offsets) {
        withoutRecords.set(offsets);
    }

    void countCallsWith(Supplier<Map<String, Object>> count) {
        callCount = count;
    }

    void driftWith(Supplier<DriftCounts> counts) {
        drift = counts;
    }

    void totals(Totals now) {
        totals = now;
    }
}
