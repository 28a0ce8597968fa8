package org.locationvisits.kinesis;

import java.time.Duration;
import java.util.List;
import org.locationvisits.kinesis.PendingEntries.Item;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * One {@link KinesisForwarder#send}: starts calls while shards have room and a sending thread is free, and
 * settles each answer on this thread, so the pending queues, the shard windows and the counters need no locks.
 * After a failure it starts nothing more but waits for the calls under way, so the count of undelivered
 * entries is exact and no call of this send is still writing when it throws.
 */
final class SendLoop {
    private static final Logger log = LoggerFactory.getLogger(KinesisForwarder.class);
    private static final long MIN_WAIT_NANOS = Duration.ofMillis(1).toNanos();

    private final KinesisForwarder forwarder;
    private final List<KinesisEntry> entries;
    private final CallsInFlight inFlight;
    private PendingEntries pending;
    private long records, bytes, calls, retried, throttled;
    private Duration pacedWait = Duration.ZERO;
    private String lastError;
    /** Since when answers brought only throttling and no accepted entry; -1 while entries get through. */
    private long throttledSince = -1;
    private boolean refreshWanted;
    private String failedWhen;
    private SdkException failedBy;

    SendLoop(KinesisForwarder forwarder, List<KinesisEntry> entries) {
        this.forwarder = forwarder;
        this.entries = entries;
        this.inFlight = new CallsInFlight(forwarder.executor);
    }

    void run() {
        try {
            pending = new PendingEntries(entries, forwarder.shards.map(), now());
            loop();
        } catch (ResourceNotFoundException e) {
            throw failure(KinesisErrors.advice(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("because the send was interrupted", e);
        }
        if (failedWhen != null) {
            throw failure(failedWhen, failedBy);
        }
    }

    private void loop() throws InterruptedException {
        while ((failedWhen == null && !pending.isEmpty()) || inFlight.count() > 0) {
            PutRecordsCall answered = inFlight.poll();
            if (answered != null) {
                settle(answered);
                continue;
            }
            if (failedWhen == null && refreshWanted && inFlight.count() == 0) {
                refreshShards();
            }
            if (failedWhen == null && !refreshWanted && inFlight.count() < forwarder.maxCallsInFlight && startCall()) {
                continue;
            }
            awaitRoomOrAnswer();
        }
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

    /** Nothing can start now: wait for a shard's room (a sleep when no call is out) or for an answer. */
    private void awaitRoomOrAnswer() throws InterruptedException {
        long start = now();
        boolean answerOnly = failedWhen != null || refreshWanted || inFlight.count() >= forwarder.maxCallsInFlight;
        long wait = answerOnly ? -1 : pending.nanosUntilRoom(forwarder.shards.windows(), start);
        if (inFlight.count() > 0) {
            PutRecordsCall answered = inFlight.await(wait < 0 ? -1 : Math.max(wait, MIN_WAIT_NANOS));
            if (answered != null) {
                settle(answered);
            } else {
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
        int undelivered = entries.size() - (int) records;
        String error = cause instanceof SdkException sdk ? KinesisErrors.describe(sdk) : lastError;
        return new KinesisDeliveryException(undelivered + " of " + entries.size()
                + " entries were not delivered to Kinesis stream '" + forwarder.stream + "'"
                + (when.isEmpty() ? "" : " " + when) + "; last error: " + error, undelivered, entries.size(), cause);
    }

    SendStats stats(Duration elapsed) {
        return new SendStats(records, bytes, calls, retried, throttled, pacedWait, elapsed);
    }

    private long now() {
        return forwarder.nanoTime.getAsLong();
    }
}
