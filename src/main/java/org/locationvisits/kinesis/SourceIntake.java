package org.locationvisits.kinesis;

import java.time.Duration;

/**
 * A send's side of its {@link BatchSource}: asks it for batches on the send's thread, checks them against the
 * Kinesis limits, and keeps what it threw. A source that can wake the send is waited for on the send's queue of
 * events; one that cannot is waited for in its own {@link BatchSource#next}, and asked again at intervals while
 * answers are awaited.
 */
final class SourceIntake {
    /** How long an idle send (nothing pending, nothing in flight) waits for its source at a time. */
    private static final long IDLE_WAIT_NANOS = Duration.ofMillis(100).toNanos();

    private final BatchSource source;
    private final SendEvents events;
    private final boolean wakes;
    private RuntimeException failure;

    SourceIntake(BatchSource source, SendEvents events) {
        this.source = source;
        this.events = events;
        this.wakes = source.wakes(events::sourceWoke);
    }

    /** Whether the source wakes the send when it has a batch, so that it need not be asked again at intervals. */
    boolean wakes() {
        return wakes;
    }

    /** What the source threw, or a batch it gave broke a Kinesis limit with; null while neither happened. */
    RuntimeException failure() {
        return failure;
    }

    /** True once the source failed or will give no batch any more. */
    boolean ended() {
        return failure != null || source.exhausted();
    }

    boolean stopping() {
        return source.stopping();
    }

    /**
     * The next batch, waiting a while for it; to be called only with no call in flight, since this waits on
     * the source or takes the send's next event as the source's.
     */
    BatchSource.Batch await() throws InterruptedException {
        if (!wakes) {
            return next(IDLE_WAIT_NANOS);
        }
        BatchSource.Batch batch = next(0);
        if (batch == null && failure == null && events.await(IDLE_WAIT_NANOS) != null) {
            batch = next(0);
        }
        return batch;
    }

    /** The source's next batch if it has one within {@code nanos}, else null (also when it failed). */
    BatchSource.Batch next(long nanos) throws InterruptedException {
        try {
            BatchSource.Batch batch = source.next(nanos);
            if (batch != null) {
                RecordBatches.validate(batch.entries());
            }
            return batch;
        } catch (RuntimeException e) {
            failure = e;
            return null;
        }
    }
}
