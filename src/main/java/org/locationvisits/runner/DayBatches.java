package org.locationvisits.runner;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.locationvisits.kinesis.BatchSource;

/**
 * The prefetcher's days as batches for the destination, each reported to the runner once delivered; keeps the
 * days taken but not yet delivered, oldest first, and why polling ended.
 */
final class DayBatches implements BatchSource {
    /** Called on the delivering thread, in day order, once all of a day's entries are delivered. */
    @FunctionalInterface
    interface Delivered {
        /** @param takenNanos {@link System#nanoTime()} when the day was taken for delivery */
        void day(DayPrefetcher.Polled.Day day, long takenNanos);
    }

    private final DayPrefetcher polls;
    private final Delivered delivered;
    private final BooleanSupplier stopRequested;
    private final Deque<DayPrefetcher.Polled.Day> undelivered = new ArrayDeque<>();
    private DayPrefetcher.Polled.End end;

    /** @param stopRequested whether to end after the oldest day under way (e.g. SIGTERM) */
    DayBatches(DayPrefetcher polls, Delivered delivered, BooleanSupplier stopRequested) {
        this.polls = polls;
        this.delivered = delivered;
        this.stopRequested = stopRequested;
    }

    @Override
    public Batch next(long nanos) throws InterruptedException {
        if (end != null) {
            return null;
        }
        DayPrefetcher.Polled polled = polls.poll(nanos);
        if (polled instanceof DayPrefetcher.Polled.End ended) {
            end = ended;
            return null;
        }
        if (polled == null) {
            return null;
        }
        DayPrefetcher.Polled.Day day = (DayPrefetcher.Polled.Day) polled;
        long taken = System.nanoTime();
        undelivered.addLast(day);
        return new Batch(day.entries(), () -> {
            delivered.day(day, taken);
            undelivered.removeFirst();
        });
    }

    @Override
    public boolean exhausted() {
        return end != null;
    }

    @Override
    public boolean stopping() {
        return stopRequested.getAsBoolean();
    }

    /** The oldest day taken and not (wholly) delivered: where a failed delivery stopped the run. */
    Optional<DayPrefetcher.Polled.Day> firstUndelivered() {
        return Optional.ofNullable(undelivered.peekFirst());
    }

    /** Why polling ended; empty while it goes on, or when delivery stopped before the end was taken. */
    Optional<DayPrefetcher.Polled.End> end() {
        return Optional.ofNullable(end);
    }
}
