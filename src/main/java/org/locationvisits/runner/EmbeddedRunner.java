package org.locationvisits.runner;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.locationvisits.common.StoredStateException;
import org.locationvisits.avro.LocationVisitsConnect;
import org.locationvisits.avro.LocationVisitsEncoder;
import org.locationvisits.kinesis.BatchSource;
import org.locationvisits.kinesis.KinesisEntry;
import org.locationvisits.kinesis.KinesisForwarder;
import org.locationvisits.offsets.OffsetStore;
import org.locationvisits.source.RecoveryStats;
import org.locationvisits.source.ShopperTrakSourceTask;
import org.locationvisits.source.SourceConfig;
import org.locationvisits.source.SourceOffsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the source task in-process, without Kafka: each day's records are encoded, delivered in pieces, and each
 * piece's offsets (and every other durable effect) go through the {@link CommitPath} only once it is delivered. Honours the Connect task contract (offset reader,
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

    /** Records per piece of a day handed to the destination: one PutRecords call's worth. */
    static final int DEFAULT_PIECE_SIZE = 500;
    /**
     * Pieces delivered while the state is being written that may wait for the next write before the delivering
     * thread waits too: as many as the Kinesis calls that may be under way at once carry (16), so 32 shards stay busy
     * through a slow PUT, and a kill re-sends at most about twice what was in flight.
     */
    static final int UNWRITTEN_PIECES = 16;

    private final ShopperTrakSourceTask task;
    private final Map<String, String> taskProps;
    private final OffsetStore offsets;
    private final LocationVisitsEncoder encoder;
    private final Destination destination;
    private final boolean dryRun;
    private final boolean continuous;

    private RunReporter reporter = RunReporter.NONE;
    private Clock clock = Clock.systemUTC();
    private int pieceSize = DEFAULT_PIECE_SIZE;
    private CommitPath commits;
    private Optional<LocalDate> offset = Optional.empty();
    private volatile boolean stopRequested;
    private DeliveredDays deliveredDays;

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

    /** Decides "yesterday" (America/New_York) for the check of the stored offset; the system clock unless set. */
    public EmbeddedRunner clock(Clock runClock) {
        this.clock = runClock;
        return this;
    }

    /** Records per piece of a day: each piece's offset is stored once it is delivered. */
    public EmbeddedRunner pieceSize(int records) {
        this.pieceSize = records;
        return this;
    }

    /**
     * Runs until caught up (or, continuous, until stopped). A stored state that cannot be right (unreadable, or a
     * last_poll_date after yesterday) ends the run before any ShopperTrak call with exit 2.
     */
    public RunSummary run() {
        Map<Map<String, Object>, Map<String, Object>> stored;
        try {
            stored = offsets.readAll();
        } catch (IllegalStateException e) {
            return unusableState(e.getMessage());
        }
        commits = new CommitPath(offsets, stored, task, dryRun, UNWRITTEN_PIECES * pieceSize);
        deliveredDays = new DeliveredDays(dryRun, reporter);
        offset = commits.offset();
        LocalDate yesterday = LocalDate.now(clock.withZone(SourceConfig.ZONE)).minusDays(1);
        String impossible = SourceOffsets.problemWithStored(offset.orElse(null), yesterday);
        if (impossible != null) {
            return unusableState(impossible + " (state: " + offsets + ")");
        }
        EmbeddedTaskContext context = new EmbeddedTaskContext(taskProps, stored);
        task.initialize(context);
        try {
            task.start(taskProps);
            return loop();
        } catch (StoredStateException e) {
            return unusableState(e.getMessage() + " (state: " + offsets + ")");
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
     * Ends the run once the oldest piece under way is delivered and its offset stored (e.g. on SIGTERM); pieces
     * already sending after it are left, uncommitted, to the next run; a waiting task is woken at once.
     */
    public void requestStop() {
        stopRequested = true;
        task.stop();
    }

    private RunSummary loop() {
        try (DayPrefetcher polls = new DayPrefetcher(task, continuous, this::encode).start();
             CommitPath committing = commits) {
            DayBatches batches = new DayBatches(polls, this::delivered, () -> stopRequested, pieceSize);
            RuntimeException failed = null;
            try {
                destination.deliverAll(batches);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failed = e;
            }
            // What was delivered before a failure is stored all the same, and so are calls that brought no record.
            if (task.today() != null) {
                commits.counted(task.callCount());
            }
            String unstored = storeDelivered();
            if (failed != null) {
                return stopped(batches.firstUndelivered().map(DayPrefetcher.Polled.Day::day).orElse(null),
                        failed.getMessage() == null ? failed.getClass().getSimpleName() : failed.getMessage());
            }
            if (unstored != null) {
                return stopped(null, unstored);
            }
            Optional<DayPrefetcher.Polled.End> end = batches.end();
            if (end.isPresent() && end.get().failure() != null) {
                return stopped(end.get().failure().day(), end.get().failure().reason());
            }
            if (end.isPresent() && end.get().error() != null) {
                return stopped(null, end.get().error());
            }
        }
        RecoveryStats recovered = task.recoveryStats();
        if (task.recoveryFailure().isPresent()) {
            return stopped(null, task.recoveryFailure().get());
        }
        int apiCalls = task.dailyApiCalls();
        RunSummary summary = new RunSummary(deliveredDays.days(), deliveredDays.rows(), apiCalls, offset, Optional.empty(),
                recovered);
        reporter.runEnded(summary, daysBehind());
        log.info("Run complete: {} day(s), {} rows {}, {} API call(s); recovery: {}; {}; offset {}", deliveredDays.days(),
                deliveredDays.rows(),
                dryRun ? "fetched (dry run, nothing sent)" : "delivered", apiCalls, describe(recovered),
                task.callsToday(), describeOffset());
        return summary;
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

    /** Waits for the commit path to store what was delivered; why it could not, or null. */
    private String storeDelivered() {
        try {
            commits.flush();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while storing the state";
        } catch (IllegalStateException e) {
            return e.getMessage();
        } finally {
            offset = commits.offset();
        }
    }

    /** A piece of a day is delivered: it goes through the commit path; the day's last piece ends the day. */
    private void delivered(DayPrefetcher.Polled.Day polled, int from, int to, long takenNanos) {
        boolean last = to == polled.records().size();
        try {
            commits.delivered(polled.records().subList(from, to), last ? polled.withoutRecords() : Map.of(),
                    task.today());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing the state", e);
        }
        if (!last) {
            log.debug("Delivered {} records {}-{} of {}", polled.day(), from, to, polled.records().size());
            return;
        }
        deliveredDays.dayDone(polled, describeOffset(), takenNanos);
    }

    /** The stored state cannot be used: nothing was polled; exit 2, as for a configuration error. */
    private RunSummary unusableState(String message) {
        log.error("Stopped before polling: {}", message);
        return new RunSummary(0, 0, 0, offset, Optional.of(message), RecoveryStats.NONE, true);
    }

    private RunSummary stopped(LocalDate day, String reason) {
        String where = day == null ? "" : "at " + day + ": ";
        String message = where + (reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason);
        log.error("Stopped {}. Offset stays at {}; the next run starts the day after it", message,
                describeOffset());
        RunSummary summary = new RunSummary(deliveredDays.days(), deliveredDays.rows(), deliveredDays.apiCalls(), offset,
                Optional.of(message), task.recoveryStats());
        reporter.runEnded(summary, daysBehind());
        return summary;
    }

    private String describeOffset() {
        return offset.map(LocalDate::toString).orElse("(none stored)");
    }

}
