package org.locationvisits.source;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.source.SourceRecord;
import org.locationvisits.recovery.RecoveryLedger;

/**
 * Warehouse rows replaced by recovered ones, marked stale only once the replacing batch is delivered: the batch's
 * last record is registered with {@link #after}; {@link #delivered} (any thread, e.g. a producer callback) makes its
 * rows due; {@link #flush} (the task's threads, never a producer's) marks them.
 */
final class StaleMarks {
    private final Map<SourceRecord, List<Long>> waiting = new IdentityHashMap<>();
    private final Deque<List<Long>> due = new ArrayDeque<>();
    private long marked;

    synchronized void after(SourceRecord lastOfBatch, List<Long> ids) {
        waiting.put(lastOfBatch, ids);
    }

    synchronized void delivered(SourceRecord record) {
        List<Long> ids = waiting.remove(record);
        if (ids != null) {
            due.add(ids);
        }
    }

    /** @param markStale false (IGNORE_UPDATE, dry run): the rows are dropped from the queue unmarked */
    synchronized void flush(RecoveryLedger ledger, boolean markStale) {
        for (List<Long> ids = due.poll(); ids != null; ids = due.poll()) {
            if (markStale) {
                marked += ledger.markStale(ids);
            }
        }
    }

    synchronized long marked() {
        return marked;
    }
}
