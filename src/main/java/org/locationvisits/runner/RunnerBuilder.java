package org.locationvisits.runner;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.connect.storage.Converter;
import org.locationvisits.metrics.RunReporter;
import org.locationvisits.offsets.OffsetStore;

/** What a runner is made of; everything but the task, its settings and the state has a default. */
public final class RunnerBuilder {
    // Read by the runner it builds.
    EmbeddedRunner.TaskFactory task;
    Map<String, String> taskProps = Map.of();
    OffsetStore offsets;
    Converter converter;
    Destination destination = entries -> { };
    boolean dryRun;
    boolean continuous;
    RunReporter reporter = RunReporter.NONE;
    Clock clock = Clock.systemUTC();
    int pieceSize = EmbeddedRunner.DEFAULT_PIECE_SIZE;

    RunnerBuilder() {
    }

    public RunnerBuilder task(EmbeddedRunner.TaskFactory factory, Map<String, String> props) {
        this.task = factory;
        this.taskProps = props;
        return this;
    }

    /** The one state object (offset, recovery memory, call count). */
    public RunnerBuilder offsets(OffsetStore store) {
        this.offsets = store;
        return this;
    }

    /** Turns each record's value into the bytes the destination gets. */
    public RunnerBuilder converter(Converter valueConverter) {
        this.converter = valueConverter;
        return this;
    }

    /** Where the bytes go; nowhere unless set. */
    public RunnerBuilder destination(Destination where) {
        this.destination = where;
        return this;
    }

    /** Nothing is stored: the records go to the destination (nowhere, in a dry run), the state stays. */
    public RunnerBuilder dryRun(boolean on) {
        this.dryRun = on;
        return this;
    }

    /** Goes on polling once caught up, until stopped, instead of ending the run. */
    public RunnerBuilder continuous(boolean on) {
        this.continuous = on;
        return this;
    }

    /** Who hears of each delivered day and of the run's end, e.g. CloudWatch metric lines; nobody unless set. */
    public RunnerBuilder reporter(RunReporter runReporter) {
        this.reporter = runReporter;
        return this;
    }

    /** Who else hears of each delivered day and of the run's end, after the reporter set before. */
    public RunnerBuilder alsoReport(RunReporter more) {
        RunReporter first = this.reporter;
        this.reporter = new RunReporter() {
            @Override
            public void dayDelivered(org.locationvisits.source.DayStats stats) {
                first.dayDelivered(stats);
                more.dayDelivered(stats);
            }

            @Override
            public void runEnded(org.locationvisits.metrics.RunSummary summary, long daysBehind) {
                first.runEnded(summary, daysBehind);
                more.runEnded(summary, daysBehind);
            }
        };
        return this;
    }

    /** Decides "yesterday" (America/New_York) for the check of the stored offset; the system clock unless set. */
    public RunnerBuilder clock(Clock runClock) {
        this.clock = runClock;
        return this;
    }

    /** Records per piece of a day: each piece's offset is stored once it is delivered. */
    public RunnerBuilder pieceSize(int records) {
        this.pieceSize = records;
        return this;
    }

    public EmbeddedRunner build() {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(offsets, "offsets");
        Objects.requireNonNull(converter, "converter");
        return new EmbeddedRunner(this);
    }
}
