package org.locationvisits.runner;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.locationvisits.kinesis.BatchSource;

/**
 * The prefetcher's days as batches for the destination: a day in pieces of at most {@code pieceSize} records, each
 * reported to the runner once delivered, so a stop or a kill re-sends at most the pieces in flight, never the part
 * of a day already delivered. Keeps the days taken but not yet wholly delivered, oldest first, and why polling ended.
 */
final class DayBatches implements BatchSource {
    /** Called on the delivering thread, in order, once all of a piece's entries are delivered. */
    @FunctionalInterface
    interface Delivered {
        /**
         * @param from       index of the piece's first record in the day
         * @param to         index after its last
         * @param takenNanos {@link System#nanoTime()} when the day's first piece was taken for delivery
         */
        void piece(DayPrefetcher.Polled.Day day, int from, int to, long takenNanos);
    }

    private final DayPrefetcher polls;
    private final Delivered delivered;
    private final BooleanSupplier stopRequested;
    private final int pieceSize;
    private final Deque<DayPrefetcher.Polled.Day> undelivered = new ArrayDeque<>();
    private DayPrefetcher.Polled.Day current;
    private int currentFrom;
    private long currentTaken;
    private DayPrefetcher.Polled.End end;

    /** @param stopRequested whether to end after the oldest piece under way (e.g. SIGTERM) */
    DayBatches(DayPrefetcher polls, Delivered delivered, BooleanSupplier stopRequested, int pieceSize) {
        if (pieceSize < 1) {
            throw new IllegalArgumentException("pieceSize must be at least 1, got " + pieceSize);
        }
        this.polls = polls;
        this.delivered = delivered;
        this.stopRequested = stopRequested;
        this.pieceSize = pieceSize;
    }

    @Override
    public Batch next(long nanos) throws InterruptedException {
        if (current == null) {
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
            current = (DayPrefetcher.Polled.Day) polled;
            currentFrom = 0;
            currentTaken = System.nanoTime();
            undelivered.addLast(current);
        }
        DayPrefetcher.Polled.Day day = current;
        int from = currentFrom;
        int to = Math.min(day.records().size(), from + pieceSize);
        long taken = currentTaken;
        boolean last = to == day.records().size();
        if (last) {
            current = null;
        } else {
            currentFrom = to;
        }
        return new Batch(day.entries().subList(from, to), () -> {
            delivered.piece(day, from, to, taken);
            if (last) {
                undelivered.removeFirst();
            }
        });
    }

    @Override
    public boolean exhausted() {
        return end != null && current == null;
    }

    /** A day handed over wakes the send; a stop it sees at its next answer, or within its idle wait. */
    @Override
    public boolean wakes(Runnable wake) {
        polls.onHanded(wake);
        return true;
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
