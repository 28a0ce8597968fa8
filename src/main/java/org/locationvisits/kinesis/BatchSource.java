package org.locationvisits.kinesis;

import java.util.List;

/**
 * The batches of one long {@link KinesisForwarder#send(BatchSource)}, e.g. a backfill's days, taken while
 * earlier ones are still being sent so that shards done with one batch start on the next. Its methods are
 * called on the thread of the send.
 */
public interface BatchSource {
    /**
     * The next batch, waiting at most {@code nanos} for one (0: only one ready now); null when none came in
     * that time or none will come any more ({@link #exhausted()} then says which).
     *
     * @throws RuntimeException ends the send as a failed batch would: nothing more is taken, the calls under
     *                          way come back, and the send throws it
     */
    Batch next(long nanos) throws InterruptedException;

    /** True once {@link #next} will never give a batch again. */
    boolean exhausted();

    /**
     * True once the send should end, without an error, as soon as the oldest batch under way at that moment is
     * delivered (e.g. the process was asked to stop): nothing more is taken, and a later batch already under
     * way is left part-sent and not reported. Never, unless overridden.
     */
    default boolean stopping() {
        return false;
    }

    /**
     * Lets the source wake the send instead of being asked again at intervals: a source that returns true calls
     * {@code wake} (from any thread; it never blocks) whenever {@link #next} has a batch it did not have when last
     * asked, and best also once {@link #stopping} turns true (else the send sees the stop at its next answer, or
     * within the tenth of a second it waits when idle). Called once, before the first {@link #next}. A source
     * that returns false (the default) is asked every couple of milliseconds while the send could take a batch.
     */
    default boolean wakes(Runnable wake) {
        return false;
    }

    /**
     * Entries, and what to do once Kinesis accepted all of them and those of every batch before: called on
     * the thread of the send, in batch order, never after the send failed because of a batch's own
     * {@code delivered} throwing. A batch whose entries were accepted is reported even when a later batch
     * failed.
     */
    record Batch(List<KinesisEntry> entries, Runnable delivered) {
    }
}
