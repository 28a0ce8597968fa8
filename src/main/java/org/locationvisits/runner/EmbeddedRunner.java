package org.locationvisits.runner;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.locationvisits.common.StoredStateException;
import org.locationvisits.kinesis.KinesisEntry;
import org.locationvisits.offsets.OffsetStore;
import org.locationvisits.source.PollProgress;
import org.locationvisits.source.SourceConfig;
import org.locationvisits.offsets.SourceOffsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.locationvisits.metrics.RunReporter;
import org.locationvisits.metrics.RunSummary;

/**
 * A minimal Connect worker for one source task, without Kafka: it runs the task on a poll thread of its own
 * ({@link DayPrefetcher}), turns each record's value into bytes with a Connect {@link Converter}, delivers each day in
 * pieces to the {@link Destination}, and stores each piece's offsets (and every other durable effect) through the
 * {@link CommitPath} only once it is delivered. It honours the task contract (offset reader, commitRecord, commit,
 * stop), so the task does not know where it runs; what the task does, it reads from the {@link PollProgress} it gives
 * the task. Built with {@link #builder}.
 */
public final class EmbeddedRunner {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedRunner.class);

    /** Records per piece of a day handed to the destination: one PutRecords call's worth. */
    static final int DEFAULT_PIECE_SIZE = 500;
    /**
     * Pieces delivered while the state is being written that may wait for the next write before the delivering
     * thread waits too: as many as the Kinesis calls that may be under way at once carry (16), so 32 shards stay busy
     * through a slow PUT, and a kill re-sends at most about twice what was in flight.
     */
    static final int UNWRITTEN_PIECES = 16;

    /** Builds the task the runner runs, telling it where to report what it does. */
    @FunctionalInterface
    public interface TaskFactory {
        SourceTask create(PollProgress progress);
    }

    private final RunnerBuilder parts;
    private final PollProgress progress = new PollProgress();
    private final SourceTask task;
    private final RunEnd end;
    private CommitPath commits;
    private Optional<LocalDate> offset = Optional.empty();
    private volatile boolean stopRequested;
    /** The poll thread of the run under way, once started; null before. */
    private volatile DayPrefetcher polling;
    private volatile boolean returned;
    private final List<AutoCloseable> closeAfterRun = new java.util.concurrent.CopyOnWriteArrayList<>();
    private DeliveredDays deliveredDays;

    EmbeddedRunner(RunnerBuilder parts) {
        this.parts = parts;
        this.task = parts.task.create(progress);
        this.end = new RunEnd(parts.dryRun, parts.reporter, progress);
    }

    public static RunnerBuilder builder() {
        return new RunnerBuilder();
    }

    /**
     * Runs until caught up (or, continuous, until stopped). A stored state that cannot be right (unreadable, or a
     * last_poll_date after yesterday) ends the run before any ShopperTrak call with exit 2.
     */
    public RunSummary run() {
        try {
            return runOnce();
        } finally {
            returned = true;
            for (AutoCloseable resource : closeAfterRun) {
                try {
                    resource.close();
                } catch (Exception e) {
                    log.warn("Could not close {} after the run: {}", resource, e.toString());
                }
            }
        }
    }

    /** Closes {@code resource} when {@link #run()} returns, e.g. the HTTP endpoints that serve its progress. */
    public void closeAfterRun(AutoCloseable resource) {
        closeAfterRun.add(resource);
    }

    /** What the task does, as it happens: for the main job's health and metrics endpoints. */
    public PollProgress progress() {
        return progress;
    }

    /**
     * Why the run's loop is not alive, or empty while it is: alive from the start of {@link #run()} (reading the
     * state and starting the task included) until it returns, as long as its poll thread, once started, runs. A
     * poll thread waiting for POLL_TIME or for a ShopperTrak answer is alive; SHOPPERTRAK_CALL_TIMEOUT_SECONDS
     * bounds how long one call may take.
     */
    public Optional<String> notAlive() {
        if (returned) {
            return Optional.of("the run has ended");
        }
        DayPrefetcher polls = polling;
        if (polls != null && !polls.alive()) {
            return Optional.of("the ShopperTrak poll thread has ended; the run is stopping");
        }
        return Optional.empty();
    }

    private RunSummary runOnce() {
        Map<Map<String, Object>, Map<String, Object>> stored;
        try {
            stored = parts.offsets.readAll();
        } catch (IllegalStateException e) {
            return end.unusableState(e.getMessage(), offset);
        }
        commits = new CommitPath(parts.offsets, stored, task, parts.dryRun, UNWRITTEN_PIECES * parts.pieceSize);
        deliveredDays = new DeliveredDays(parts.dryRun, parts.reporter);
        offset = commits.offset();
        LocalDate yesterday = LocalDate.now(parts.clock.withZone(SourceConfig.ZONE)).minusDays(1);
        String impossible = SourceOffsets.problemWithStored(offset.orElse(null), yesterday);
        if (impossible != null) {
            return end.unusableState(impossible + " (state: " + parts.offsets + ")", offset);
        }
        EmbeddedTaskContext context = new EmbeddedTaskContext(parts.taskProps, stored);
        task.initialize(context);
        try {
            task.start(parts.taskProps);
            return loop();
        } catch (StoredStateException e) {
            return end.unusableState(e.getMessage() + " (state: " + parts.offsets + ")", offset);
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
        try (DayPrefetcher polls = new DayPrefetcher(task, progress, parts.continuous, this::encode).start();
             CommitPath committing = commits) {
            polling = polls;
            DayBatches batches = new DayBatches(polls, this::delivered, () -> stopRequested, parts.pieceSize);
            RuntimeException failed = null;
            try {
                parts.destination.deliverAll(batches);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failed = e;
            }
            // What was delivered before a failure is stored all the same, and so are calls that brought no record.
            if (progress.totals().today() != null) {
                commits.counted(progress.callCount());
            }
            String unstored = storeDelivered();
            if (failed != null) {
                return stopped(batches.firstUndelivered().map(DayPrefetcher.Polled.Day::day).orElse(null),
                        failed.getMessage() == null ? failed.getClass().getSimpleName() : failed.getMessage());
            }
            if (unstored != null) {
                return stopped(null, unstored);
            }
            Optional<DayPrefetcher.Polled.End> ended = batches.end();
            if (ended.isPresent() && ended.get().failure() != null) {
                return stopped(ended.get().failure().day(), ended.get().failure().reason());
            }
            if (ended.isPresent() && ended.get().error() != null) {
                return stopped(null, ended.get().error());
            }
        }
        return end.complete(deliveredDays, offset);
    }

    /** The record's value as the destination's bytes, keyed by the record's key (site|orbit|start). */
    private List<KinesisEntry> encode(List<SourceRecord> records) {
        List<KinesisEntry> entries = new ArrayList<>(records.size());
        for (SourceRecord record : records) {
            entries.add(new KinesisEntry((String) record.key(),
                    parts.converter.fromConnectData(record.topic(), record.valueSchema(), record.value())));
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
                    progress.totals().today());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing the state", e);
        }
        if (!last) {
            log.debug("Delivered {} records {}-{} of {}", polled.day(), from, to, polled.records().size());
            return;
        }
        deliveredDays.dayDone(polled, RunEnd.describe(offset), takenNanos);
    }

    private RunSummary stopped(LocalDate day, String reason) {
        return end.stopped(day, reason, deliveredDays, offset);
    }
}
