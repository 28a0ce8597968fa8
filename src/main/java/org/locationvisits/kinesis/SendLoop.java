package org.locationvisits.kinesis;

import java.time.Duration;
import java.util.List;
import org.locationvisits.kinesis.PendingEntries.Item;
import org.locationvisits.kinesis.SendEvents.Answered;
import org.locationvisits.kinesis.SendEvents.Event;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * One {@link KinesisForwarder#send} as an event loop on the send's thread: it takes batches from its source
 * while few are undelivered, starts calls while shards have room and a sending thread is free, and otherwise
 * waits on its one queue of {@link SendEvents} (a call answered, the source woke) at most until the next shard
 * has room. Only this thread touches the pending queues, the shard windows and the counters, so they need no
 * locks. A shard done with one batch goes on with the next while other shards finish theirs; batches are
 * reported delivered in order. After a failure it starts nothing more but waits for the calls under way, so
 * the count of undelivered entries is exact and no call of this send is still writing when it throws.
 */
final class SendLoop {
    private static final long MIN_WAIT_NANOS = Duration.ofMillis(1).toNanos();
    /**
     * The batch being finished and the next one: enough to keep every shard busy with batches as large as a
     * day, and two days of memory. Smaller batches (a sink's puts, recovered site-days) are taken beyond that
     * while fewer entries wait than the calls that can be under way could carry, up to {@link #MAX_OPEN_BATCHES}.
     */
    static final int OPEN_BATCHES = 2;
    static final int MAX_OPEN_BATCHES = 256;
    /** A source that cannot wake the send is asked this often for a batch while answers are awaited. */
    private static final long SOURCE_ASK_NANOS = Duration.ofMillis(2).toNanos();

    /** Why Kinesis failed the send. */
    private record KinesisFailure(String when, SdkException cause) {
    }

    private final KinesisForwarder forwarder;
    private final SendEvents events;
    private final SourceIntake source;
    private final BatchProgress batches = new BatchProgress();
    private final SendTally tally;
    private SendPhase phase = SendPhase.FIRST_BATCH;
    private PendingEntries pending;
    private CallAnswers answers;
    /** In {@link SendPhase#STOPPING}: the batch whose delivery ends the send. */
    private int lastBatch = -1;
    private KinesisFailure kinesisFailure;
    /** What a batch's callback threw; the send throws it (or the source's failure, which came first) at the end. */
    private RuntimeException callbackFailure;

    SendLoop(KinesisForwarder forwarder, BatchSource source, long announced) {
        this.forwarder = forwarder;
        this.tally = new SendTally(announced);
        this.events = new SendEvents(forwarder.executor);
        this.source = new SourceIntake(source, events);
    }

    void run() {
        try {
            BatchSource.Batch first = null;
            while (first == null && !source.ended() && !source.stopping()) {
                first = source.await();
            }
            if (first != null) {
                tally.announced(first.entries().size());
                // Only now, so that a run without rows needs no Kinesis, and a missing stream fails a batch.
                pending = new PendingEntries(forwarder.shards.map(), now());
                answers = new CallAnswers(forwarder, pending, batches, tally);
                phase = SendPhase.TAKING;
                add(first);
                loop();
            }
        } catch (ResourceNotFoundException e) {
            throw tally.failure(forwarder.stream, KinesisErrors.advice(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw tally.failure(forwarder.stream, "because the send was interrupted", e);
        }
        if (source.failure() != null || callbackFailure != null) {
            throw source.failure() != null ? source.failure() : callbackFailure;
        }
        if (kinesisFailure != null) {
            throw tally.failure(forwarder.stream, kinesisFailure.when(), kinesisFailure.cause());
        }
    }

    private void loop() throws InterruptedException {
        while (phase != SendPhase.DONE) {
            windDownIfStopping();
            while (mayTakeBatch() && takeBatch()) {
                // as many as may be open
            }
            if ((phase == SendPhase.DRAINING || pending.isEmpty()) && events.inFlight() == 0) {
                if (taking()) {
                    BatchSource.Batch batch = source.await();
                    if (batch != null) {
                        add(batch);
                    }
                } else {
                    phase = SendPhase.DONE;
                }
                continue;
            }
            Event event = events.poll();
            if (event != null) {
                handle(event);
                continue;
            }
            if (phase != SendPhase.DRAINING && answers.refreshWanted() && events.inFlight() == 0) {
                answers.refreshShards();
            }
            if (phase.sending() && !answers.refreshWanted() && events.inFlight() < forwarder.maxCallsInFlight
                    && startCall()) {
                continue;
            }
            awaitEvent();
        }
    }

    /** Whether batches are still taken; moves on to {@link SendPhase#FINISHING} once the source has no more. */
    private boolean taking() {
        if (phase == SendPhase.TAKING && source.ended()) {
            phase = SendPhase.FINISHING;
        }
        return phase == SendPhase.TAKING;
    }

    /** Whether a batch may be taken now: while taking, and few batches are open or few entries wait. */
    private boolean mayTakeBatch() {
        if (!taking()) {
            return false;
        }
        int open = batches.open();
        // Enough waiting to fill every call that can be under way at once (one per shard).
        long fillsEveryCall = (long) Math.min(forwarder.maxCallsInFlight, pending.shards()) * forwarder.batchSize;
        return open < OPEN_BATCHES || (open < MAX_OPEN_BATCHES && pending.remaining() < fillsEveryCall);
    }

    /** When the source is stopping: the oldest open batch is the last one sent; with none open, the end. */
    private void windDownIfStopping() {
        if ((phase == SendPhase.TAKING || phase == SendPhase.FINISHING) && source.stopping()) {
            lastBatch = batches.delivered();
            phase = batches.open() == 0 ? SendPhase.DRAINING : SendPhase.STOPPING;
        }
    }

    /** Takes the source's next batch if it has one now; false when it had none. */
    private boolean takeBatch() throws InterruptedException {
        BatchSource.Batch batch = source.next(0);
        if (batch != null) {
            add(batch);
        }
        return batch != null;
    }

    private void add(BatchSource.Batch batch) {
        pending.add(batch.entries(), batches.add(batch.entries().size(), batch.delivered()));
        tally.taken(batch.entries().size());
        reportDelivered(); // an empty batch is delivered at once
    }

    private boolean startCall() {
        List<Item> items = pending.nextCall(forwarder.shards.windows(), forwarder.batchSize,
                RecordBatches.MAX_BYTES_PER_CALL, now());
        if (items.isEmpty()) {
            return false;
        }
        tally.started(items);
        events.start(new PutRecordsCall(items, forwarder.client, forwarder.stream, forwarder.nanoTime));
        return true;
    }

    /**
     * Nothing can start now: wait on the queue until the next shard has room (a sleep when no call is out,
     * since nothing could come), and not long for a source that cannot wake the send while it may give a batch.
     */
    private void awaitEvent() throws InterruptedException {
        long start = now();
        boolean answerOnly = !phase.sending() || answers.refreshWanted()
                || events.inFlight() >= forwarder.maxCallsInFlight;
        long wait = answerOnly ? -1 : pending.nanosUntilRoom(forwarder.shards.windows(), start);
        if (events.inFlight() > 0) {
            long await = wait < 0 ? -1 : Math.max(wait, MIN_WAIT_NANOS);
            if (!source.wakes() && mayTakeBatch()) {
                await = await < 0 ? SOURCE_ASK_NANOS : Math.min(await, SOURCE_ASK_NANOS);
            }
            Event event = events.await(await);
            if (event != null) {
                handle(event);
            }
            if (!(event instanceof Answered) && wait >= 0) {
                tally.paced(Duration.ofNanos(now() - start));
            }
            return;
        }
        if (wait < 0) {
            throw new IllegalStateException("nothing in flight and no shard to wait for");
        }
        // Whole milliseconds rounded up: Sleeper.SYSTEM sleeps in millis and must not spin on 0 ms.
        Duration sleep = Duration.ofMillis(Math.max(1, (wait + 999_999) / 1_000_000));
        forwarder.sleeper.sleep(sleep);
        tally.paced(sleep);
    }

    /** A source's wake-up needs nothing here: the loop asks the source after every event. */
    private void handle(Event event) {
        if (event instanceof Answered answered) {
            AnswerPolicy.Fail failed = answers.settle(answered.call(), this::reportDelivered);
            if (failed != null) {
                fail(failed.when(), failed.cause());
            }
        }
    }

    /** Runs the callbacks of the batches now wholly accepted; a stop that came meanwhile ends the send with them. */
    private void reportDelivered() {
        windDownIfStopping();
        RuntimeException thrown = batches.runDelivered();
        if (thrown != null) {
            callbackFailure = thrown;
            drain();
        }
        if (phase == SendPhase.STOPPING && batches.delivered() > lastBatch) {
            drain();
        }
    }

    private void fail(String when, SdkException cause) {
        if (kinesisFailure == null) {
            kinesisFailure = new KinesisFailure(when, cause);
        }
        drain();
    }

    /** Nothing more is started or taken; the send ends once the calls under way are back. */
    private void drain() {
        if (phase != SendPhase.DONE) {
            phase = SendPhase.DRAINING;
        }
    }

    SendStats stats(Duration elapsed) {
        return tally.stats(elapsed);
    }

    private long now() {
        return forwarder.nanoTime.getAsLong();
    }
}
