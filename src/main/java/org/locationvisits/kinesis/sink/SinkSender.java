package org.locationvisits.kinesis.sink;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
 * as accepted once Kinesis accepted its entries and those of every put before. A failed send ends the sender;
 * the task then starts a new one.
 */
final class SinkSender implements BatchSource, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SinkSender.class);
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(5);

    private final Map<TopicPartition, OffsetAndMetadata> accepted;
    private final int maxQueuedEntries;
    private final ArrayDeque<Batch> queue = new ArrayDeque<>();
    private final Thread thread;
    private int queuedEntries;
    private boolean closed;
    private RuntimeException failure;

    /**
     * @param accepted         where each put's offsets go once delivered (read by other threads)
     * @param maxQueuedEntries a put waits while this many entries wait to be taken (memory bound)
     */
    SinkSender(KinesisForwarder forwarder, Map<TopicPartition, OffsetAndMetadata> accepted, int maxQueuedEntries) {
        this.accepted = accepted;
        this.maxQueuedEntries = maxQueuedEntries;
        this.thread = new Thread(() -> send(forwarder), "kinesis-sink-send");
        thread.setDaemon(true);
        thread.start();
    }

    private void send(KinesisForwarder forwarder) {
        try {
            forwarder.send(this);
        } catch (RuntimeException e) {
            synchronized (this) {
                failure = e;
                queue.clear();
                notifyAll();
            }
        }
    }

    /**
     * Queues a put's entries (possibly none: its offsets still wait for the puts before), waiting while the
     * queue is full. False when the sender failed or was closed: nothing was queued.
     */
    synchronized boolean submit(List<KinesisEntry> entries, Map<TopicPartition, OffsetAndMetadata> offsets)
            throws InterruptedException {
        while (failure == null && !closed && !queue.isEmpty() && queuedEntries + entries.size() > maxQueuedEntries) {
            wait();
        }
        if (failure != null || closed) {
            return false;
        }
        queue.addLast(new Batch(entries, () -> accepted.putAll(offsets)));
        queuedEntries += entries.size();
        notifyAll();
        return true;
    }

    /** Why the send failed, or null while it goes on. */
    synchronized RuntimeException failure() {
        return failure;
    }

    @Override
    public synchronized Batch next(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        while (queue.isEmpty() && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        Batch batch = queue.pollFirst();
        if (batch != null) {
            queuedEntries -= batch.entries().size();
            notifyAll();
        }
        return batch;
    }

    @Override
    public synchronized boolean exhausted() {
        return closed && queue.isEmpty();
    }

    @Override
    public synchronized boolean stopping() {
        return closed;
    }

    /**
     * Ends the send once the oldest put under way is delivered (puts queued behind it are dropped: their
     * offsets were never offered, so the worker delivers them again), or after a few seconds at most.
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            queue.clear();
            notifyAll();
        }
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
