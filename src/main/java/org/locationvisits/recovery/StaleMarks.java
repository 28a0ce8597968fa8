package org.locationvisits.recovery;

import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.kafka.connect.source.SourceRecord;
import org.locationvisits.recovery.RecoveryLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warehouse rows replaced by recovered ones, marked stale only once every record of the replacing batch is
 * delivered: a batch's records go to several topic partitions and are acknowledged in any order, so no single record
 * stands for the batch. {@link #after} registers a batch; {@link #delivered} (any thread, e.g. a producer callback)
 * counts its records; {@link #flush} (the task's threads, never a producer's) marks the rows of complete batches.
 */
final class StaleMarks {
    private static final Logger log = LoggerFactory.getLogger(StaleMarks.class);

    /** The rows one batch replaces and how many of its records are not yet acknowledged. */
    private static final class Batch {
        final List<Long> ids;
        int unacknowledged;

        Batch(List<Long> ids, int records) {
            this.ids = ids;
            this.unacknowledged = records;
        }
    }

    // By identity: two records of a batch may be equal, yet each must be acknowledged.
    private final Map<SourceRecord, Batch> waiting = new IdentityHashMap<>();
    private final Set<Long> due = new LinkedHashSet<>();
    // Separate from this object's monitor, which delivered() takes: the producer's I/O thread must never wait on an
    // UPDATE.
    private final ReentrantLock flushing = new ReentrantLock();
    private boolean failing;
    private long marked;

    /**
     * The rows {@code ids} are replaced by {@code batch}; they are due once each of its records is delivered, at
     * once when the batch is empty (what replaces them is already in the warehouse). Call before the batch is handed
     * out, so no acknowledgement can come first.
     */
    synchronized void after(List<SourceRecord> batch, List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        if (batch.isEmpty()) {
            due.addAll(ids);
            return;
        }
        Batch pending = new Batch(List.copyOf(ids), 0);
        for (SourceRecord record : batch) {
            if (waiting.put(record, pending) == null) {
                pending.unacknowledged++;
            }
        }
    }

    /** A record was acknowledged; a repeated acknowledgement, or one of a record no batch waits for, is ignored. */
    synchronized void delivered(SourceRecord record) {
        Batch batch = waiting.remove(record);
        if (batch != null && --batch.unacknowledged == 0) {
            due.addAll(batch.ids);
        }
    }

    /**
     * A record was dropped, not delivered (a worker's filter, or {@code errors.tolerance=all} skipping a failed send):
     * the rows its batch would replace stay fresh, and the warehouse keeps them as they were for a later pass.
     */
    synchronized void dropped(SourceRecord record) {
        Batch batch = waiting.remove(record);
        if (batch != null) {
            waiting.values().removeIf(b -> b == batch);
            log.warn("A recovered record was dropped by the worker, not delivered (a filter or errors.tolerance=all):"
                    + " the {} warehouse row(s) its batch would replace stay fresh; a later recovery pass asks again",
                    batch.ids.size());
        }
    }

    /**
     * Marks the due rows stale. A failed UPDATE keeps them due for the next call and is logged once, not at every
     * retry; it is never thrown, so the task keeps running. Returns at once while another thread flushes.
     *
     * @param markStale false (IGNORE_UPDATE, dry run): the rows are dropped from the queue unmarked
     */
    void flush(RecoveryLedger ledger, boolean markStale) {
        if (!flushing.tryLock()) {
            return; // the flush under way takes what is due now; whatever comes later waits for the next call
        }
        try {
            List<Long> ids = snapshot();
            if (ids.isEmpty()) {
                return;
            }
            int changed = markStale ? mark(ledger, ids) : 0;
            if (changed >= 0) {
                forget(ids, changed);
            }
        } finally {
            flushing.unlock();
        }
    }

    /** How many rows changed, or -1 when the UPDATE failed. */
    private int mark(RecoveryLedger ledger, List<Long> ids) {
        try {
            int changed = ledger.markStale(ids);
            if (failing) {
                log.info("Marked {} warehouse row(s) stale after an earlier failure", ids.size());
                failing = false;
            }
            return changed;
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Could not mark {} warehouse row(s) stale ({}); they stay queued and are retried at the next"
                        + " commit; should that never succeed, a later recovery pass marks them", ids.size(),
                        e.getMessage());
                failing = true;
            } else {
                log.debug("Marking {} warehouse row(s) stale failed again: {}", ids.size(), e.getMessage());
            }
            return -1;
        }
    }

    private synchronized List<Long> snapshot() {
        return List.copyOf(due);
    }

    // A row due again meanwhile (another batch replacing it too) is marked all the same.
    private synchronized void forget(List<Long> ids, int changed) {
        ids.forEach(due::remove);
        marked += changed;
    }

    synchronized long marked() {
        return marked;
    }
}
