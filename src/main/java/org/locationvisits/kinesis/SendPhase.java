package org.locationvisits.kinesis;

/** Where a {@link SendLoop} is; each phase takes and sends no more than the one before. */
enum SendPhase {
    /** Waiting for the first batch: nothing asked of Kinesis yet, so a run without rows needs no stream. */
    FIRST_BATCH,
    /** Taking batches while few are open, and sending. */
    TAKING,
    /** The source is exhausted or failed: sending what was taken. */
    FINISHING,
    /** The source is stopping: sending until the oldest batch open at the stop is delivered. */
    STOPPING,
    /** Kinesis or a callback failed, or the stop's batch is delivered: awaiting the calls under way only. */
    DRAINING,
    DONE;

    /** Whether new calls are started. */
    boolean sending() {
        return this == TAKING || this == FINISHING || this == STOPPING;
    }
}
