package org.locationvisits.kinesis.sink;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.locationvisits.kinesis.BatchSource;
import org.locationvisits.kinesis.KinesisEntry;
import org.locationvisits.kinesis.KinesisForwarder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink task's deliveries, on a thread of their own: each put queues its entries and returns, and one long
 * {@link KinesisForwarder#send(BatchSource)} takes them in order, several puts under way at once, so a put
 * does not wait for its last call and the next put's entries fill the shards meanwhile. A put's offsets count
 * as accepted once Kinesis accepted its entries and those of every put before. A put wakes the send; the queue
 * is bounded in entries, so a put waits while it is full. A failed send ends the sender; the task then starts a
 * new one.
 */
final class SinkSender implements BatchSource, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SinkSender.class);
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(5);
    /** Lets every put that waits for room go on (to find the sender failed or closed), and all later ones. */
    private static final int ROOM_FOR_ALL = Integer.MAX_VALUE / 2;

    private final Map<TopicPartition, OffsetAndMetadata> accepted;
    private final int maxQueuedEntries;
    private final BlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
    /**
     * What bounds the queue: one permit per entry that may wait in it. A put larger than the whole bound takes
     * all permits, so it waits only for an empty queue.
     */
    private final Semaphore room;
    private final AtomicBoolean released = new AtomicBoolean();
    private final Thread thread;
    /** Held while a put is checked and queued, and while a failure or close empties the queue. */
    private final Object ending = new Object();
    private volatile Runnable wake = () -> { };
    private volatile boolean closed;
    private volatile RuntimeException failure;

    /**
     * @param accepted         where each put's offsets go once delivered (read by other threads)
     * @param maxQueuedEntries a put waits while this many entries wait to be taken (memory bound)
     */
    SinkSender(KinesisForwarder forwarder, Map<TopicPartition, OffsetAndMetadata> accepted, int maxQueuedEntries) {
        this.accepted = accepted;
        this.maxQueuedEntries = maxQueuedEntries;
        this.room = new Semaphore(maxQueuedEntries);
        this.thread = new Thread(() -> send(forwarder), "kinesis-sink-send");
        thread.setDaemon(true);
        thread.start();
    }

    private void send(KinesisForwarder forwarder) {
        try {
            forwarder.send(this);
        } catch (RuntimeException e) {
            synchronized (ending) {
                failure = e;
                queue.clear();
            }
            releaseWaitingPuts();
        }
    }

    /**
     * Queues a put's entries (possibly none: its offsets still wait for the puts before), waiting while the
     * queue is full. False when the sender failed or was closed: nothing was queued.
     */
    boolean submit(List<KinesisEntry> entries, Map<TopicPartition, OffsetAndMetadata> offsets)
            throws InterruptedException {
        if (failure != null || closed) {
            return false;
        }
        room.acquire(permits(entries));
        // Checked and added as one step: a failure or close in between would otherwise leave the put queued on a
        // sender that never takes it, reported as queued.
        synchronized (ending) {
            if (failure != null || closed) {
                return false;
            }
            queue.add(new Batch(entries, () -> accepted.putAll(offsets)));
        }
        wake.run();
        return true;
    }

    /** Once (permits must not overflow): lets every put waiting for room go on, to find the sender ended. */
    private void releaseWaitingPuts() {
        if (released.compareAndSet(false, true)) {
            room.release(ROOM_FOR_ALL);
        }
    }

    private int permits(List<KinesisEntry> entries) {
        return Math.min(entries.size(), maxQueuedEntries);
    }

    /** Why the send failed, or null while it goes on. */
    RuntimeException failure() {
        return failure;
    }

    @Override
    public boolean wakes(Runnable wake) {
        this.wake = wake;
        return true;
    }

    @Override
    public Batch next(long nanos) throws InterruptedException {
        Batch batch = closed ? null : queue.poll(nanos, TimeUnit.NANOSECONDS);
        if (batch != null) {
            room.release(permits(batch.entries()));
        }
        return batch;
    }

    @Override
    public boolean exhausted() {
        return closed && queue.isEmpty();
    }

    @Override
    public boolean stopping() {
        return closed;
    }

    /**
     * Ends the send once the oldest put under way is delivered (puts queued behind it are dropped: their
     * offsets were never offered, so the worker delivers them again), or after a few seconds at most.
     */
    @Override
    public void close() {
        synchronized (ending) {
            closed = true;
            queue.clear();
        }
        releaseWaitingPuts();
        wake.run();
        try {
            thread.join(STOP_PATIENCE.toMillis());
            if (thread.isAlive()) {
                log.warn("Kinesis calls still under way after {} s at stop; abandoning them (their records are "
                        + "delivered again after the restart)", STOP_PATIENCE.toSeconds());
                thread.interrupt();
                thread.join(STOP_PATIENCE.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
