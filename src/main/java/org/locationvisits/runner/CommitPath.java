package org.locationvisits.runner;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.locationvisits.offsets.OffsetStore;
import org.locationvisits.recovery.RecoveryMemory;
import org.locationvisits.source.SourceOffsets;

/**
 * The one way a durable effect of the poll leaves the main job: called on the delivering thread, in delivery
 * order, once every record of a batch is accepted by the destination. It folds the batch's offsets into the
 * state (the last record of each partition wins, as a Connect worker commits the longest acknowledged prefix),
 * stores the state with one conditional write, and only then tells the task its records are committed (what
 * releases the warehouse stale marks). Days without records (a listed bad poll date ShopperTrak failed on) come
 * through here too, in their place among the others. A dry run stores nothing.
 */
final class CommitPath {
    /** Recovery looks 30 days back; memory of days older than this is never read again. */
    private static final int MEMORY_DAYS = 40;

    private final OffsetStore store;
    private final SourceTask task;
    private final boolean dryRun;
    private final Map<Map<String, Object>, Map<String, Object>> state;
    private Optional<LocalDate> offset;

    /** @param stored what the store held when the run started */
    CommitPath(OffsetStore store, Map<Map<String, Object>, Map<String, Object>> stored, SourceTask task,
               boolean dryRun) {
        this.store = store;
        this.task = task;
        this.dryRun = dryRun;
        this.state = new LinkedHashMap<>(stored);
        this.offset = Optional.ofNullable(SourceOffsets.lastPollDate(stored.get(SourceOffsets.PARTITION)));
    }

    /**
     * Every record of {@code records} is delivered, and so is everything handed over before them.
     *
     * @param withoutRecords offsets of a day that had no records to deliver, applied after the records'
     * @param today          New York today: memory of days long out of recovery's window is dropped
     */
    void delivered(List<SourceRecord> records, Map<? extends Map<String, ?>, ? extends Map<String, ?>> withoutRecords,
                   LocalDate today) throws InterruptedException {
        boolean changed = false;
        for (SourceRecord record : records) {
            if (record.sourceOffset() != null) {
                changed |= put(record.sourcePartition(), record.sourceOffset());
            }
        }
        for (var entry : withoutRecords.entrySet()) {
            changed |= put(entry.getKey(), entry.getValue());
        }
        if (today != null) {
            LocalDate oldest = today.minusDays(MEMORY_DAYS);
            changed |= state.keySet().removeIf(p -> {
                LocalDate day = RecoveryMemory.dayOf(p);
                return day != null && day.isBefore(oldest);
            });
        }
        if (changed && !dryRun) {
            store.writeAll(state);
            offset = Optional.ofNullable(SourceOffsets.lastPollDate(state.get(SourceOffsets.PARTITION)));
        }
        for (SourceRecord record : records) {
            task.commitRecord(record, null);
        }
        task.commit();
    }

    /** The stored last_poll_date: what the store holds now (in a dry run, what it held at the start). */
    Optional<LocalDate> offset() {
        return offset;
    }

    @SuppressWarnings("unchecked")
    private boolean put(Map<String, ?> partition, Map<String, ?> offset) {
        Map<String, Object> key = Map.copyOf((Map<String, Object>) partition);
        Map<String, Object> value = new LinkedHashMap<>((Map<String, Object>) offset);
        return !value.equals(state.put(key, value));
    }
}
