package org.locationvisits.runner;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.locationvisits.avro.LocationVisitsConnect;
import org.locationvisits.avro.LocationVisitsEncoder;
import org.locationvisits.kinesis.BatchSource;
import org.locationvisits.kinesis.KinesisEntry;
import org.locationvisits.kinesis.KinesisForwarder;
import org.locationvisits.offsets.OffsetStore;
import org.locationvisits.recovery.RecoveryMemory;
import org.locationvisits.source.DayStats;
import org.locationvisits.source.RecoveryStats;
import org.locationvisits.source.ShopperTrakSourceTask;
import org.locationvisits.source.SourceOffsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the source task in-process, without Kafka: each day's records are encoded, delivered, and only then
 * is the day's offset written to the offset store. Honours the Connect task contract (offset reader,
 * commitRecord, commit, stop), so the task does not know where it runs.
 */
public final class EmbeddedRunner {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedRunner.class);

    /** Where encoded records go: the Kinesis forwarder, or nowhere in a dry run. */
    @FunctionalInterface
    public interface Destination {
        void deliver(List<KinesisEntry> entries);

        /**
         * Delivers the batches and runs each one's callback once it is delivered, in order; throws what
         * {@link #deliver(List)} or a callback threw. This one delivers a batch wholly before taking the next.
         */
        default void deliverAll(BatchSource batches) throws InterruptedException {
            while (!batches.exhausted() && !batches.stopping()) {
                BatchSource.Batch batch = batches.next(TimeUnit.MILLISECONDS.toNanos(100));
                if (batch != null) {
                    deliver(batch.entries());
                    batch.delivered().run();
                }
            }
        }

        /** The Kinesis stream: a day's last calls overlap the next day's first ones. */
        static Destination kinesis(KinesisForwarder forwarder) {
            return new Destination() {
                @Override
                public void deliver(List<KinesisEntry> entries) {
                    forwarder.send(entries);
                }

                @Override
                public void deliverAll(BatchSource batches) {
                    forwarder.send(batches);
                }
            };
        }
    }

    private final ShopperTrakSourceTask task;
    private final Map<String, String> taskProps;
    private final OffsetStore offsets;
    private final LocationVisitsEncoder encoder;
    private final Destination destination;
    private final boolean dryRun;
    private final boolean continuous;

    private RunReporter reporter = RunReporter.NONE;
    private final Map<Map<String, Object>, Map<String, Object>> otherOffsets = new LinkedHashMap<>();
    private Optional<LocalDate> offset = Optional.empty();
    private volatile boolean stopRequested;
    private int days;
    private long rows;
    private int apiCalls;

    public EmbeddedRunner(ShopperTrakSourceTask task, Map<String, String> taskProps, OffsetStore offsets,
                          LocationVisitsEncoder encoder, Destination destination, boolean dryRun,
                          boolean continuous) {
        this.task = task;
        this.taskProps = taskProps;
        this.offsets = offsets;
        this.encoder = encoder;
        this.destination = destination;
        this.dryRun = dryRun;
        this.continuous = continuous;
    }

    /** Who hears of each delivered day and of the run's end, e.g. CloudWatch metric lines; nobody unless set. */
    public EmbeddedRunner reporter(RunReporter runReporter) {
        this.reporter = runReporter;
        return this;
    }

    public RunSummary run() {
        Map<Map<String, Object>, Map<String, Object>> stored = offsets.readAll();
        offset = Optional.ofNullable(SourceOffsets.lastPollDate(stored.get(SourceOffsets.PARTITION)));
        stored.forEach((partition, value) -> {
            if (!SourceOffsets.PARTITION.equals(partition)) {
                otherOffsets.put(partition, value);
            }
        });
        EmbeddedTaskContext context = new EmbeddedTaskContext(taskProps, offset, Map.copyOf(otherOffsets));
        task.initialize(context);
        try {
            task.start(taskProps);
            return loop();
        } catch (ConnectException | IllegalStateException e) {
            return stopped(null, e.getMessage());
        } catch (RuntimeException e) {
            // E.g. the warehouse or the all-sites list unreachable at start: one clear line, exit 1, offset kept.
            log.debug("start-up failed", e);
            return stopped(null, e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            task.stop();
            context.close();
        }
    }

    /**
     * Ends the run once the oldest day under way is delivered and its offset stored (e.g. on SIGTERM); a next
     * day that already started sending is left, uncommitted, to the next run; a waiting task is woken at once.
     */
    public void requestStop() {
        stopRequested = true;
        task.stop();
    }

    private RunSummary loop() {
        try (DayPrefetcher polls = new DayPrefetcher(task, continuous, this::encode).start()) {
            DayBatches batches = new DayBatches(polls, this::delivered, () -> stopRequested);
            try {
                destination.deliverAll(batches);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                return stopped(batches.firstUndelivered().map(day -> dayOf(day.records())).orElse(null),
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
            Optional<DayPrefetcher.Polled.End> end = batches.end();
            if (end.isPresent() && end.get().failure() != null) {
                return stopped(end.get().failure().day(), end.get().failure().reason());
            }
            if (end.isPresent() && end.get().error() != null) {
                return stopped(null, end.get().error());
            }
        }
        skipBadDays();
        RecoveryStats recovered = task.recoveryStats();
        if (task.recoveryFailure().isPresent()) {
            return stopped(null, task.recoveryFailure().get());
        }
        apiCalls = task.dailyApiCalls();
        RunSummary summary = new RunSummary(days, rows, apiCalls, offset, Optional.empty(), recovered);
        reporter.runEnded(summary, daysBehind());
        log.info("Run complete: {} day(s), {} rows {}, {} API call(s); recovery: {}; {}; offset {}", days, rows,
                dryRun ? "fetched (dry run, nothing sent)" : "delivered", apiCalls, describe(recovered),
                task.callsToday(), describeOffset());
        return summary;
    }

    /** Days the task skipped (listed bad poll dates, nothing to send) still move the offset past them. */
    private void skipBadDays() {
        LocalDate dealtWith = task.lastEmittedDay();
        if (!dryRun && task.lastSkippedDay().isPresent() && offset.map(dealtWith::isAfter).orElse(true)) {
            storeAll(dealtWith);
            log.info("Offset now {}: the days after the last delivered one were listed bad poll dates", dealtWith);
        }
    }

    /** The offsets of the batch's other partitions (each one's last wins); whether any changed. */
    private boolean takeOtherOffsets(List<SourceRecord> records) {
        boolean changed = false;
        for (SourceRecord record : records) {
            if (!SourceOffsets.PARTITION.equals(record.sourcePartition()) && record.sourceOffset() != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> partition = (Map<String, Object>) record.sourcePartition();
                @SuppressWarnings("unchecked")
                Map<String, Object> value = (Map<String, Object>) record.sourceOffset();
                changed |= !value.equals(otherOffsets.put(partition, value));
            }
        }
        if (changed && !dryRun) {
            // Days that left recovery's window are never read again.
            LocalDate oldest = task.today().minusDays(40);
            otherOffsets.keySet().removeIf(p -> {
                LocalDate day = RecoveryMemory.dayOf(p);
                return day != null && day.isBefore(oldest);
            });
        }
        return changed;
    }

    /** One conditional write of everything: the main offset at {@code day} and the other partitions. */
    private void storeAll(LocalDate day) {
        Map<Map<String, Object>, Map<String, Object>> all = new LinkedHashMap<>();
        all.put(Map.copyOf(SourceOffsets.PARTITION), Map.copyOf(SourceOffsets.offset(day)));
        all.putAll(otherOffsets);
        offsets.writeAll(all);
        offset = Optional.of(day);
    }

    /** Yesterday (New York, by the task's clock) minus the stored offset; 0 when nothing is known. */
    private long daysBehind() {
        LocalDate today = task.today();
        return today == null || offset.isEmpty() ? 0
                : Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(offset.get(), today.minusDays(1)));
    }

    private static String describe(RecoveryStats r) {
        return r.siteDaysRequeried() + " site-day(s) re-queried, " + r.rowsRecovered() + " rows recovered, "
                + r.rowsMarkedStale() + " rows marked stale, " + r.apiCalls() + " API call(s)"
                + (r.siteDaysLeft() > 0 ? ", " + r.siteDaysLeft() + " site-day(s) left for a later run" : "");
    }

    private List<KinesisEntry> encode(List<SourceRecord> records) {
        List<KinesisEntry> entries = new ArrayList<>(records.size());
        for (SourceRecord record : records) {
            byte[] bytes = encoder.encode(LocationVisitsConnect.fromStruct((Struct) record.value()));
            entries.add(new KinesisEntry((String) record.key(), bytes));
        }
        return entries;
    }

    /** A day's records are all delivered: commit them, then (unless recovered) move the offset to the day. */
    private void delivered(DayPrefetcher.Polled.Day polled, long takenNanos) {
        List<SourceRecord> records = polled.records();
        DayStats fetched = polled.stats();
        LocalDate day = dayOf(records);
        boolean recovered = fetched != null && fetched.recovered();
        for (SourceRecord record : records) {
            task.commitRecord(record, null);
        }
        boolean othersChanged = takeOtherOffsets(records);
        // A recovered day leaves the offset where it is; without one stored yet (nothing can be recovered before a
        // first day is delivered) the other partitions wait for the next write.
        LocalDate stays = recovered ? offset.orElse(null) : day;
        if (!dryRun && (!recovered || othersChanged) && stays != null) {
            storeAll(stays);
        }
        try {
            task.commit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while committing", e);
        }
        if (recovered) {
            log.info("{} {} recovered row(s); offset stays {}", dryRun ? "Dry run:" : "Delivered", records.size(),
                    describeOffset());
            return;
        }
        days++;
        rows += records.size();
        if (fetched != null && !dryRun) {
            reporter.dayDelivered(fetched);
        }
        DayStats stats = fetched != null ? fetched : new DayStats(day, records.size(), 0, 0, java.time.Duration.ZERO);
        apiCalls += stats.apiCalls();
        log.info("{} {}: {} rows, {}% healthy, {} API call(s), {} s{}", dryRun ? "Dry run" : "Delivered", day,
                records.size(), String.format("%.1f", stats.healthyShare() * 100), stats.apiCalls(),
                String.format("%.1f", (System.nanoTime() - takenNanos) / 1e9 + stats.fetchTime().toMillis() / 1e3),
                dryRun ? "; nothing sent, stored offset not moved" : "; offset now " + day);
    }

    private RunSummary stopped(LocalDate day, String reason) {
        String where = day == null ? "" : "at " + day + ": ";
        String message = where + (reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason);
        log.error("Stopped {}. Offset stays at {}; the next run starts the day after it", message,
                describeOffset());
        RunSummary summary = new RunSummary(days, rows, apiCalls, offset, Optional.of(message), task.recoveryStats());
        reporter.runEnded(summary, daysBehind());
        return summary;
    }

    private String describeOffset() {
        return offset.map(LocalDate::toString).orElse("(none stored)");
    }

    private static LocalDate dayOf(List<SourceRecord> records) {
        return SourceOffsets.lastPollDate(records.get(records.size() - 1).sourceOffset());
    }
}
