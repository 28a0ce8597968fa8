package org.locationvisits.runner;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.locationvisits.offsets.OffsetStore;
import org.locationvisits.recovery.RecoveryMemory;
import org.locationvisits.recovery.CallBudget;
import org.locationvisits.offsets.SourceOffsets;

/**
 * The one way a durable effect of the poll leaves the main job. {@link #delivered} is called on the delivering
 * thread, in delivery order, once every record of a piece is accepted by the destination: it folds the piece's
 * offsets into the state (the last record of each partition wins, as a Connect worker commits the longest
 * acknowledged prefix). A writer thread of its own then stores the state with one conditional write, and only
 * after that tells the task its records are committed (what releases the warehouse stale marks). Pieces delivered
 * while a write is under way are stored together by the next one, so a slow S3 never holds up the sending; the
 * state is cumulative, so the order of days holds. Days without records (a listed bad poll date ShopperTrak failed
 * on) come through here too, in their place among the others. A dry run stores nothing.
 */
final class CommitPath implements AutoCloseable {
    /** Recovery looks 30 days back; memory of days older than this is never read again. */
    private static final int MEMORY_DAYS = 40;

    /** What the task is told of a record Kinesis accepted: it was delivered (null would mean dropped). */
    private static final RecordMetadata ACCEPTED = new RecordMetadata(new TopicPartition("kinesis", 0), -1, -1,
            -1L, -1, -1);

    private final OffsetStore store;
    private final int maxUnwritten;
    private final SourceTask task;
    private final boolean dryRun;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "state-writer");
        thread.setDaemon(true);
        return thread;
    });
    /** Guarded by this: the state as delivered so far, and what the next write takes. */
    private final Map<Map<String, Object>, Map<String, Object>> state;
    private List<SourceRecord> unwritten = new ArrayList<>();
    private boolean changed;
    private boolean scheduled;
    private Future<?> lastWrite = CompletableFuture.completedFuture(null);
    private volatile RuntimeException failure;
    private volatile Optional<LocalDate> offset;

    /**
     * @param stored        what the store held when the run started
     * @param maxUnwritten  records delivered but not yet in a write beyond which {@link #delivered} waits for the
     *                      write under way: what a kill can re-send stays bounded however slow the store
     */
    CommitPath(OffsetStore store, Map<Map<String, Object>, Map<String, Object>> stored, SourceTask task,
               boolean dryRun, int maxUnwritten) {
        this.maxUnwritten = maxUnwritten;
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
     * @throws IllegalStateException when an earlier write failed: nothing more may be stored in this run
     */
    void delivered(List<SourceRecord> records, Map<? extends Map<String, ?>, ? extends Map<String, ?>> withoutRecords,
                   LocalDate today) throws InterruptedException {
        Future<?> backlog = fold(records, withoutRecords, today);
        if (backlog != null) {
            try {
                backlog.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
            }
            throwIfFailed();
        }
    }

    /** Folds a delivered piece into the state; the write to wait for when too much waits unwritten, else null. */
    private synchronized Future<?> fold(List<SourceRecord> records,
                                        Map<? extends Map<String, ?>, ? extends Map<String, ?>> withoutRecords,
                                        LocalDate today) {
        throwIfFailed();
        for (SourceRecord record : records) {
            if (record.sourceOffset() != null) {
                changed |= put(record.sourcePartition(), record.sourceOffset());
            }
        }
        for (var entry : withoutRecords.entrySet()) {
            changed |= put(entry.getKey(), entry.getValue());
        }
        Map<String, Object> main = state.get(SourceOffsets.PARTITION);
        if (main != null && main.containsKey(RecoveryMemory.ALL_KEY)) {
            // The memory and the call count now ride with the main offset; where earlier versions kept them goes.
            changed |= state.keySet().removeIf(p -> RecoveryMemory.dayOf(p) != null || CallBudget.PARTITION.equals(p));
        } else if (today != null) {
            LocalDate oldest = today.minusDays(MEMORY_DAYS);
            changed |= state.keySet().removeIf(p -> {
                LocalDate day = RecoveryMemory.dayOf(p);
                return day != null && day.isBefore(oldest);
            });
        }
        unwritten.addAll(records);
        if (!scheduled) {
            scheduled = true;
            lastWrite = writer.submit(this::write);
        }
        return unwritten.size() >= maxUnwritten ? lastWrite : null;
    }

    /**
     * The task's call count, which calls that brought no record (a failed day, recovery answers with nothing to
     * send) raised: stored with the next write into the offset as it stands, never lowering a count of the same day.
     * Nothing when no offset is stored yet.
     */
    synchronized void counted(Map<String, Object> calls) {
        if (failure != null) {
            return; // flush() says why
        }
        Map<String, Object> main = state.get(SourceOffsets.PARTITION);
        Object day = calls.get(CallBudget.DAY_KEY);
        if (main == null || day == null || !(calls.get(CallBudget.CALLS_KEY) instanceof Number count)) {
            return;
        }
        boolean sameDay = day.equals(main.get(CallBudget.DAY_KEY));
        if (sameDay && main.get(CallBudget.CALLS_KEY) instanceof Number stored
                && stored.longValue() >= count.longValue()) {
            return;
        }
        Map<String, Object> raised = new LinkedHashMap<>(main);
        raised.putAll(calls);
        state.put(Map.copyOf(SourceOffsets.PARTITION), raised);
        changed = true;
        if (!scheduled) {
            scheduled = true;
            lastWrite = writer.submit(this::write);
        }
    }

    /**
     * Waits until everything delivered so far is stored and committed to the task.
     *
     * @throws IllegalStateException what the write threw (e.g. another runner changed the state object)
     */
    void flush() throws InterruptedException {
        Future<?> last;
        synchronized (this) {
            last = lastWrite;
        }
        try {
            last.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
        throwIfFailed();
    }

    /** The stored last_poll_date: what the store holds now (in a dry run, what it held at the start). */
    Optional<LocalDate> offset() {
        return offset;
    }

    @Override
    public void close() {
        writer.shutdownNow();
    }

    private void write() {
        Map<Map<String, Object>, Map<String, Object>> snapshot;
        List<SourceRecord> records;
        boolean dirty;
        synchronized (this) {
            scheduled = false;
            if (failure != null) {
                return;
            }
            snapshot = new LinkedHashMap<>(state);
            records = unwritten;
            unwritten = new ArrayList<>();
            dirty = changed;
            changed = false;
        }
        try {
            if (dirty && !dryRun) {
                store.writeAll(snapshot);
                offset = Optional.ofNullable(SourceOffsets.lastPollDate(snapshot.get(SourceOffsets.PARTITION)));
            }
            // Only now are the records' effects durable: a recovered batch's stale marks may go.
            for (SourceRecord record : records) {
                task.commitRecord(record, ACCEPTED);
            }
            task.commit();
        } catch (RuntimeException e) {
            failure = e;
        } catch (Error e) {
            failure = new IllegalStateException("storing the state failed: " + e, e);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new IllegalStateException("interrupted while committing", e);
        }
    }

    private void throwIfFailed() {
        RuntimeException failed = failure;
        if (failed != null) {
            throw new IllegalStateException(failed.getMessage() == null ? failed.toString() : failed.getMessage(),
                    failed);
        }
    }

    @SuppressWarnings("unchecked")
    private boolean put(Map<String, ?> partition, Map<String, ?> offset) {
        Map<String, Object> key = Map.copyOf((Map<String, Object>) partition);
        Map<String, Object> value = new LinkedHashMap<>((Map<String, Object>) offset);
        return !value.equals(state.put(key, value));
    }
}
