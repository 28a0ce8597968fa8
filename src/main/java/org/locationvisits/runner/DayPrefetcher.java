package org.locationvisits.runner;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import java.util.function.Function;

import org.apache.kafka.connect.source.SourceRecord;
import org.locationvisits.kinesis.KinesisEntry;
import org.locationvisits.shoppertrak.DayFailure;
import org.locationvisits.source.DayStats;
import org.apache.kafka.connect.source.SourceTask;
import org.locationvisits.source.PollProgress;
import org.locationvisits.source.PollProgress.Status;
import org.locationvisits.offsets.SourceOffsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the task on its own thread, one day ahead of delivery, as a Connect worker polls while its producer
 * sends: fetching, parsing and encoding day N+1 overlaps delivering day N. Holds at most one day not yet taken.
 */
final class DayPrefetcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DayPrefetcher.class);

    /** What the poll thread hands over: a day's records, or why polling ended. */
    sealed interface Polled {
        /**
         * A day's records, their encoded entries (in the same order), and how its fetch went; or a day dealt with
         * without records, whose offsets are {@code withoutRecords}.
         */
        record Day(List<SourceRecord> records, List<KinesisEntry> entries, DayStats stats,
                   Map<Map<String, ?>, Map<String, ?>> withoutRecords) implements Polled {
            Day(List<SourceRecord> records, List<KinesisEntry> entries, DayStats stats) {
                this(records, entries, stats, Map.of());
            }

            /** The day the batch is about. */
            LocalDate day() {
                Map<String, ?> main = records.isEmpty() ? withoutRecords.get(SourceOffsets.PARTITION)
                        : records.get(records.size() - 1).sourceOffset();
                return SourceOffsets.lastPollDate(main);
            }
        }

        /** Polling ended: caught up or asked to stop ({@code failure} null), or a day failed. */
        record End(DayFailure failure, String error) implements Polled { }
    }

    private final SourceTask task;
    private final PollProgress progress;
    private final boolean continuous;
    private final Function<List<SourceRecord>, List<KinesisEntry>> encoder;
    private final BlockingQueue<Polled> handoff = new ArrayBlockingQueue<>(1);
    private final Thread thread;
    private volatile boolean closed;
    /** Run on the poll thread after each hand-over: wakes a delivery that waits for the next day. */
    private volatile Runnable handed = () -> { };

    /** @param encoder the entries of a day's records; what it throws fails that day */
    DayPrefetcher(SourceTask task, PollProgress progress, boolean continuous,
                  Function<List<SourceRecord>, List<KinesisEntry>> encoder) {
        this.task = task;
        this.progress = progress;
        this.continuous = continuous;
        this.encoder = encoder;
        this.thread = new Thread(this::pollLoop, "shoppertrak-poll");
        thread.setDaemon(true);
    }

    DayPrefetcher start() {
        thread.start();
        return this;
    }

    /**
     * The next day or the end if the poll thread hands one over within {@code nanos}, else null; the end
     * also when the poll thread died without handing it.
     */
    Polled poll(long nanos) throws InterruptedException {
        Polled polled = handoff.poll(nanos, TimeUnit.NANOSECONDS);
        if (polled == null && !thread.isAlive() && handoff.isEmpty()) {
            return new Polled.End(null, "the ShopperTrak poll thread ended without saying why");
        }
        return polled;
    }

    /** True while the poll thread runs. */
    boolean alive() {
        return thread.isAlive();
    }

    /** Runs {@code handed} after each day or end handed over from now on. */
    void onHanded(Runnable handed) {
        this.handed = handed;
    }

    private void pollLoop() {
        try {
            while (!closed) {
                List<SourceRecord> records = task.poll();
                var withoutRecords = progress.takeDayWithoutRecords();
                if (withoutRecords.isPresent()) {
                    hand(new Polled.Day(List.of(), List.of(), null, withoutRecords.get()));
                }
                if (records != null && !records.isEmpty()) {
                    Polled day = encoded(records);
                    hand(day);
                    if (day instanceof Polled.End) {
                        return; // nothing after a day that cannot be delivered
                    }
                } else if (!continuous && progress.status() == Status.CAUGHT_UP) {
                    break;
                } else if (!continuous && progress.status() == Status.WAITING_AFTER_FAILURE) {
                    hand(new Polled.End(progress.lastFailure().orElse(null), null));
                    return;
                }
            }
            hand(new Polled.End(null, null));
        } catch (InterruptedException stopping) {
            handQuietly(new Polled.End(null, null));
        } catch (RuntimeException e) {
            handQuietly(new Polled.End(null, e.getMessage() == null ? e.toString() : e.getMessage()));
        } catch (Throwable e) {
            // An Error (StackOverflowError, NoClassDefFoundError...) must end the run too, or poll() would wait
            // forever and a scheduled task would never finish.
            log.error("The ShopperTrak poll thread failed", e);
            handQuietly(new Polled.End(null, "the ShopperTrak poll thread failed: " + e));
        }
    }

    /** The day with its entries, or the end of polling, at that day, when a record cannot be encoded. */
    private Polled encoded(List<SourceRecord> records) {
        DayStats stats = progress.lastDay().orElse(null);
        try {
            return new Polled.Day(records, encoder.apply(records), stats);
        } catch (RuntimeException e) {
            LocalDate day = SourceOffsets.lastPollDate(records.get(records.size() - 1).sourceOffset());
            return new Polled.End(new DayFailure(day, "cannot encode its records: "
                    + (e.getMessage() == null ? e.toString() : e.getMessage()), false, false), null);
        }
    }

    private void hand(Polled polled) throws InterruptedException {
        while (!closed) {
            if (handoff.offer(polled, 100, TimeUnit.MILLISECONDS)) {
                handed.run();
                return;
            }
        }
    }

    private void handQuietly(Polled polled) {
        try {
            hand(polled);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops polling; a day fetched but not yet taken is dropped (its offset was never committed). */
    @Override
    public void close() {
        closed = true;
        task.stop();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
