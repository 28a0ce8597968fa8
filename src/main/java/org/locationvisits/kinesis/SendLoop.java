package org.locationvisits.kinesis;

import java.time.Duration;
import java.util.List;
import org.locationvisits.kinesis.PendingEntries.Item;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * One {@link KinesisForwarder#send}: takes batches from its source while fewer than {@link #OPEN_BATCHES} are
 * undelivered, starts calls while shards have room and a sending thread is free, and settles each answer on
 * this thread, so the pending queues, the shard windows and the counters need no locks. A shard done with one
 * batch goes on with the next while other shards finish theirs; batches are reported delivered in order.
 * After a failure it takes and starts nothing more but waits for the calls under way, so the count of
 * undelivered entries is exact and no call of this send is still writing when it throws.
 */
final class SendLoop {
    private static final Logger log = LoggerFactory.getLogger(KinesisForwarder.class);
    private static final long MIN_WAIT_NANOS = Duration.ofMillis(1).toNanos();
    /**
     * The batch being finished and the next one: enough to keep every shard busy with batches as large as a
     * day, and two days of memory. Smaller batches (a sink's puts, recovered site-days) are taken beyond that
     * while fewer entries wait than the calls that can be under way could carry, up to {@link #MAX_OPEN_BATCHES}.
     */
    static final int OPEN_BATCHES = 2;
    static final int MAX_OPEN_BATCHES = 256;
    /** How long an answer is awaited before the source is asked again for a batch it may have by now. */
    private static final long BATCH_POLL_NANOS = Duration.ofMillis(2).toNanos();
    /** How long an idle send (nothing pending, nothing in flight) waits for its source at a time. */
    private static final long IDLE_WAIT_NANOS = Duration.ofMillis(100).toNanos();

    private final KinesisForwarder forwarder;
    private final BatchSource source;
    private final CallsInFlight inFlight;
    private final BatchProgress batches = new BatchProgress();
    private PendingEntries pending;
    private long taken;
    /** Written by the send's thread only; volatile so that {@link KinesisForwarder#total()} can read a long send. */
    private volatile long records, bytes, calls, retried, throttled;
    private volatile Duration pacedWait = Duration.ZERO;
    private String lastError;
    /** Since when answers brought only throttling and no accepted entry; -1 while entries get through. */
    private long throttledSince = -1;
    private boolean refreshWanted;
    private String failedWhen;
    private SdkException failedBy;
    /**
     * What the source or a batch's callback threw; the send throws it once the calls under way are back (after
     * the source's, the batches taken before are still delivered).
     */
    private RuntimeException sourceFailure;
    private boolean callbackFailed;
    /** Once the source is stopping: the batch whose delivery ends the send (-1 before); then {@link #wound}. */
    private int lastBatch = -1;
    private boolean wound;
    /** Entries known to be coming before any was taken, so an early failure counts them as undelivered. */
    private long announced;

    SendLoop(KinesisForwarder forwarder, BatchSource source, long announced) {
        this.forwarder = forwarder;
        this.source = source;
        this.announced = announced;
        this.inFlight = new CallsInFlight(forwarder.executor);
    }

    void run() {
        try {
            BatchSource.Batch first = null;
            while (first == null && sourceFailure == null && !source.exhausted() && !source.stopping()) {
                first = fetchBatch(IDLE_WAIT_NANOS);
            }
            if (first != null) {
                announced = Math.max(announced, first.entries().size());
                // Only now, so that a run without rows needs no Kinesis, and a missing stream fails a batch.
                pending = new PendingEntries(forwarder.shards.map(), now());
                add(first);
                loop();
            }
        } catch (ResourceNotFoundException e) {
            throw failure(KinesisErrors.advice(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("because the send was interrupted", e);
        }
        if (sourceFailure != null) {
            throw sourceFailure;
        }
        if (failedWhen != null) {
            throw failure(failedWhen, failedBy);
        }
    }

    private void loop() throws InterruptedException {
        while (true) {
            windDownIfStopping();
            while (canTakeBatch() && takeBatch(0)) {
                // as many as may be open
            }
            if ((failed() || pending.isEmpty()) && inFlight.count() == 0) {
                if (failed() || sourceFailure != null || source.exhausted()) {
                    return;
                }
                takeBatch(IDLE_WAIT_NANOS);
                continue;
            }
            PutRecordsCall answered = inFlight.poll();
            if (answered != null) {
                settle(answered);
                continue;
            }
            if (!failed() && refreshWanted && inFlight.count() == 0) {
                refreshShards();
            }
            if (!failed() && !refreshWanted && inFlight.count() < forwarder.maxCallsInFlight && startCall()) {
                continue;
            }
            awaitRoomOrAnswer();
        }
    }

    /** Kinesis or a callback failed, or the stop came: nothing more is sent. (A failed source only ends the taking.) */
    private boolean failed() {
        return failedWhen != null || callbackFailed || wound;
    }

    private boolean canTakeBatch() {
        if (failed() || lastBatch >= 0 || sourceFailure != null || source.exhausted()) {
            return false;
        }
        int open = batches.open();
        // Enough waiting to fill every call that can be under way at once (one per shard).
        long fillsEveryCall = (long) Math.min(forwarder.maxCallsInFlight, pending.shards()) * forwarder.batchSize;
        return open < OPEN_BATCHES || (open < MAX_OPEN_BATCHES && pending.remaining() < fillsEveryCall);
    }

    /** When the source is stopping: the oldest open batch is the last one sent; with none open, the end. */
    private void windDownIfStopping() {
        if (lastBatch < 0 && source.stopping()) {
            lastBatch = batches.delivered();
            wound = batches.open() == 0;
        }
    }

    /** Takes the source's next batch if it has one within {@code nanos}; false when it had none. */
    private boolean takeBatch(long nanos) throws InterruptedException {
        BatchSource.Batch batch = fetchBatch(nanos);
        if (batch != null) {
            add(batch);
        }
        return batch != null;
    }

    private BatchSource.Batch fetchBatch(long nanos) throws InterruptedException {
        try {
            BatchSource.Batch batch = source.next(nanos);
            if (batch != null) {
                RecordBatches.validate(batch.entries());
            }
            return batch;
        } catch (RuntimeException e) {
            sourceFailure = e;
            return null;
        }
    }

    private void add(BatchSource.Batch batch) {
        pending.add(batch.entries(), batches.add(batch.entries().size(), batch.delivered()));
        taken += batch.entries().size();
        reportDelivered(); // an empty batch is delivered at once
    }

    private boolean startCall() {
        List<Item> items = pending.nextCall(forwarder.shards.windows(), forwarder.batchSize,
                RecordBatches.MAX_BYTES_PER_CALL, now());
        if (items.isEmpty()) {
            return false;
        }
        calls++;
        for (Item item : items) {
            retried += item.sends++ > 0 ? 1 : 0;
        }
        inFlight.start(new PutRecordsCall(items, forwarder.client, forwarder.stream, forwarder.nanoTime));
        return true;
    }

    /**
     * Nothing can start now: wait for a shard's room (a sleep when no call is out) or for an answer, and not
     * long when the source may have a batch for the shards that are free.
     */
    private void awaitRoomOrAnswer() throws InterruptedException {
        long start = now();
        boolean answerOnly = failed() || refreshWanted || inFlight.count() >= forwarder.maxCallsInFlight;
        long wait = answerOnly ? -1 : pending.nanosUntilRoom(forwarder.shards.windows(), start);
        if (inFlight.count() > 0) {
            long await = wait < 0 ? -1 : Math.max(wait, MIN_WAIT_NANOS);
            if (canTakeBatch()) {
                await = await < 0 ? BATCH_POLL_NANOS : Math.min(await, BATCH_POLL_NANOS);
            }
            PutRecordsCall answered = inFlight.await(await);
            if (answered != null) {
                settle(answered);
            } else if (wait >= 0) {
                pacedWait = pacedWait.plusNanos(now() - start);
            }
            return;
        }
        if (wait < 0) {
            throw new IllegalStateException("nothing in flight and no shard to wait for");
        }
        // Whole milliseconds rounded up: Sleeper.SYSTEM sleeps in millis and must not spin on 0 ms.
        Duration sleep = Duration.ofMillis(Math.max(1, (wait + 999_999) / 1_000_000));
        forwarder.sleeper.sleep(sleep);
        pacedWait = pacedWait.plus(sleep);
    }

    private void settle(PutRecordsCall call) {
        long now = now();
        SdkException fatal = call.fatalError();
        if (fatal != null) {
            pending.done(call.items(), call.items());
            fail(KinesisErrors.advice(fatal), fatal);
            return;
        }
        call.settle(forwarder.shards.windows(), forwarder.timing, now);
        pending.done(call.items(), call.refused());
        for (Item item : call.items()) {
            if (item.accepted) {
                batches.accepted(item.batch);
            }
        }
        reportDelivered();
        records += call.acceptedRecords();
        bytes += call.acceptedBytes();
        throttled += call.throttled();
        lastError = call.lastError() != null ? call.lastError() : lastError;
        log.debug("PutRecords to {}: {} entries, {} refused ({} throttled), {} ms", forwarder.stream,
                call.items().size(), call.refused().size(), call.throttled(), call.millis());
        if (call.realError()) {
            backOff(call, now);
        }
        if (call.acceptedRecords() > 0) {
            throttledSince = -1;
        } else if (call.throttled() > 0) {
            throttledSince = throttledSince < 0 ? now : throttledSince;
            Duration throttledFor = Duration.ofNanos(now - throttledSince);
            if (throttledFor.compareTo(forwarder.retry.maxThrottledWait()) >= 0) {
                fail("after Kinesis throttled them for " + throttledFor.toSeconds() + " s without accepting any"
                        + " (the stream's shards are busy, e.g. with another producer: add shards, or allow a"
                        + " longer throttled wait than " + forwarder.retry.maxThrottledWait().toSeconds() + " s)", null);
            }
        }
        if (call.throttled() > 0 && forwarder.shards.refreshDue()) {
            refreshWanted = true; // throttled despite pacing: the stream may have been resharded
        }
    }

    /** Errors, unlike throttling, use up attempts; the refused entries' shards wait a growing, jittered while. */
    private void backOff(PutRecordsCall call, long now) {
        int failures = call.mostFailures();
        RetryPolicy retry = forwarder.retry;
        if (failures >= retry.maxAttempts()) {
            fail("after " + retry.maxAttempts() + " attempts", null);
            return;
        }
        Duration backoff = retry.backoff(failures, forwarder.random);
        for (Item item : call.refused()) {
            pending.holdShard(item.shard, now + backoff.toNanos());
        }
        log.warn("Kinesis stream {}: {} of {} entries not accepted ({}); re-sending them in {} ms (attempt {} of {})",
                forwarder.stream, call.refused().size(), call.items().size(), call.lastError(), backoff.toMillis(),
                failures + 1, retry.maxAttempts());
    }

    /**
     * Runs the callbacks of the batches now wholly accepted, oldest first, also after another failure (they
     * were delivered all the same), but none after one of them threw.
     */
    private void reportDelivered() {
        windDownIfStopping(); // a stop that came while waiting for this answer ends the send with its batch
        Runnable delivered;
        while (!callbackFailed && (delivered = batches.nextDelivered()) != null) {
            try {
                delivered.run();
            } catch (RuntimeException e) {
                callbackFailed = true;
                sourceFailure = sourceFailure == null ? e : sourceFailure;
            }
            wound |= lastBatch >= 0 && batches.delivered() > lastBatch;
        }
    }

    private void refreshShards() {
        ShardMap resharded = forwarder.shards.refresh();
        if (resharded != null) {
            pending.reassign(resharded);
        }
        refreshWanted = false;
    }

    private void fail(String when, SdkException cause) {
        if (failedWhen == null) {
            failedWhen = when;
            failedBy = cause;
        }
    }

    private KinesisDeliveryException failure(String when, Throwable cause) {
        long total = Math.max(taken, announced);
        int undelivered = (int) (total - records);
        String error = cause instanceof SdkException sdk ? KinesisErrors.describe(sdk) : lastError;
        return new KinesisDeliveryException(undelivered + " of " + total
                + " entries were not delivered to Kinesis stream '" + forwarder.stream + "'"
                + (when.isEmpty() ? "" : " " + when) + "; last error: " + error, undelivered, (int) total, cause);
    }

    SendStats stats(Duration elapsed) {
        return new SendStats(records, bytes, calls, retried, throttled, pacedWait, elapsed);
    }

    private long now() {
        return forwarder.nanoTime.getAsLong();
    }
}
