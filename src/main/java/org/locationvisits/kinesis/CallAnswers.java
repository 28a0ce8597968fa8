package org.locationvisits.kinesis;

import org.locationvisits.kinesis.AnswerPolicy.Decision;
import org.locationvisits.kinesis.PendingEntries.Item;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles each answer of a send on the send's thread: counts it in the shard windows, puts refused entries
 * back in front of their shards, marks accepted ones in their batches, and carries out the {@link AnswerPolicy}'s
 * decision (a shard held back after an error, the shards read again after unexpected throttling).
 */
final class CallAnswers {
    private static final Logger log = LoggerFactory.getLogger(KinesisForwarder.class);

    private final KinesisForwarder forwarder;
    private final PendingEntries pending;
    private final BatchProgress batches;
    private final SendTally tally;
    private final AnswerPolicy policy;
    /** Throttled despite pacing: the shards are read again once no call is under way. */
    private boolean refreshWanted;

    CallAnswers(KinesisForwarder forwarder, PendingEntries pending, BatchProgress batches, SendTally tally) {
        this.forwarder = forwarder;
        this.pending = pending;
        this.batches = batches;
        this.tally = tally;
        this.policy = new AnswerPolicy(forwarder.retry, forwarder.random);
    }

    /**
     * Settles a call that came back; {@code accepted} runs once its accepted entries count in their batches.
     * Returns why the send fails, or null when it goes on.
     */
    AnswerPolicy.Fail settle(PutRecordsCall call, Runnable accepted) {
        long now = forwarder.nanoTime.getAsLong();
        if (call.fatalError() != null) {
            pending.done(call.items(), call.items());
        } else {
            call.settle(forwarder.shards.windows(), forwarder.timing, now);
            pending.done(call.items(), call.refused());
            for (Item item : call.items()) {
                if (item.accepted) {
                    batches.accepted(item.batch);
                }
            }
            accepted.run();
            tally.answered(call);
            log.debug("PutRecords to {}: {} entries, {} refused ({} throttled), {} ms", forwarder.stream,
                    call.items().size(), call.refused().size(), call.throttled(), call.millis());
        }
        Decision decision = policy.decide(call, now, forwarder.shards.refreshDue());
        if (decision instanceof AnswerPolicy.RetryAt retry) {
            for (Item item : call.refused()) {
                pending.holdShard(item.shard, retry.atNanos());
            }
            log.warn("Kinesis stream {}: {} of {} entries not accepted ({}); re-sending them in {} ms (attempt {} of {})",
                    forwarder.stream, call.refused().size(), call.items().size(), call.lastError(),
                    retry.backoff().toMillis(), retry.attempt(), policy.maxAttempts());
            refreshWanted |= retry.refreshShards();
        } else if (decision instanceof AnswerPolicy.Throttle throttle) {
            refreshWanted |= throttle.refreshShards();
        }
        return decision instanceof AnswerPolicy.Fail fail ? fail : null;
    }

    /** Whether the shards should be read again before the next call starts. */
    boolean refreshWanted() {
        return refreshWanted;
    }

    /** With no call under way: reads the shards again, and queues the entries by the new map if it changed. */
    void refreshShards() {
        ShardMap resharded = forwarder.shards.refresh();
        if (resharded != null) {
            pending.reassign(resharded);
        }
        refreshWanted = false;
    }
}
