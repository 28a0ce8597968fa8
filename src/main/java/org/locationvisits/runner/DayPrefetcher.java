package org.locationvisits.runner;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.source.SourceRecord;
import org.locationvisits.source.DayFailure;
import org.locationvisits.source.DayStats;
import org.locationvisits.source.ShopperTrakSourceTask;
import org.locationvisits.source.ShopperTrakSourceTask.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the task on its own thread, one day ahead of delivery, as a Connect worker polls while its producer
 * sends: fetching and parsing day N+1 overlaps delivering day N. Holds at most one undelivered day.
 */
final class DayPrefetcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DayPrefetcher.class);

    /** What the poll thread hands over: a day's records, or why polling ended. */
    sealed interface Polled {
        record Day(List<SourceRecord> records, DayStats stats) implements Polled { }

        /** Polling ended: caught up or asked to stop ({@code failure} null), or a day failed. */
        record End(DayFailure failure, String error) implements Polled { }
    }

    private final ShopperTrakSourceTask task;
    private final boolean continuous;
    private final BlockingQueue<Polled> handoff = new ArrayBlockingQueue<>(1);
    private final Thread thread;
    private volatile boolean closed;

    DayPrefetcher(ShopperTrakSourceTask task, boolean continuous) {
        this.task = task;
        this.continuous = continuous;
        this.thread = new Thread(this::pollLoop, "shoppertrak-poll");
        thread.setDaemon(true);
    }

    DayPrefetcher start() {
        thread.start();
        return this;
    }

    /** The next day or the end; blocks until the poll thread has one, never past the poll thread's death. */
    Polled next() throws InterruptedException {
        while (true) {
            Polled polled = handoff.poll(100, TimeUnit.MILLISECONDS);
            if (polled != null) {
                return polled;
            }
            if (!thread.isAlive() && handoff.isEmpty()) {
                return new Polled.End(null, "the ShopperTrak poll thread ended without saying why");
            }
        }
    }

    private void pollLoop() {
        try {
            while (!closed) {
                List<SourceRecord> records = task.poll();
                if (records != null && !records.isEmpty()) {
                    hand(new Polled.Day(records, task.lastDay().orElse(null)));
                } else if (!continuous && task.status() == Status.CAUGHT_UP) {
                    break;
                } else if (!continuous && task.status() == Status.WAITING_AFTER_FAILURE) {
                    hand(new Polled.End(task.lastFailure().orElse(null), null));
                    return;
                }
            }
            hand(new Polled.End(null, null));
        } catch (InterruptedException stopping) {
            handQuietly(new Polled.End(null, null));
        } catch (RuntimeException e) {
            handQuietly(new Polled.End(null, e.getMessage() == null ? e.toString() : e.getMessage()));
        } catch (Throwable e) {
            // An Error (StackOverflowError, NoClassDefFoundError...) must end the run too, or next() would wait
            // forever and a scheduled task would never finish.
            log.error("The ShopperTrak poll thread failed", e);
            handQuietly(new Polled.End(null, "the ShopperTrak poll thread failed: " + e));
        }
    }

    private void hand(Polled polled) throws InterruptedException {
        while (!closed) {
            if (handoff.offer(polled, 100, TimeUnit.MILLISECONDS)) {
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
