package org.locationvisits.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.locationvisits.runner.RunnerFixtures.encoder;
import static org.locationvisits.runner.RunnerFixtures.props;
import static org.locationvisits.runner.RunnerFixtures.rows;
import static org.locationvisits.runner.RunnerFixtures.task;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.locationvisits.kinesis.KinesisDeliveryException;
import org.locationvisits.kinesis.KinesisEntry;
import org.locationvisits.offsets.MemoryOffsetStore;
import org.locationvisits.source.ShopperTrakSourceTask;

/** The runner's contract without stand-ins: deliver, then commit; every failure ends the run. */
class EmbeddedRunnerTest {
    private static final LocalDate START = LocalDate.parse("2024-03-24");

    @Test
    void offsetStaysWhenKinesisRefusesTheDayForGood() {
        MemoryOffsetStore offsets = new MemoryOffsetStore(START);
        List<LocalDate> delivered = new ArrayList<>();
        EmbeddedRunner.Destination refusesTheSecondDay = entries -> {
            if (!delivered.isEmpty()) {
                throw new KinesisDeliveryException("Kinesis refused 2 of 2 records: AccessDeniedException",
                        entries.size(), entries.size(), null);
            }
            delivered.add(dayOf(entries));
        };
        EmbeddedRunner runner = new EmbeddedRunner(task(day -> rows(day, 2)), props(START, START.plusDays(3)),
                offsets, encoder(), refusesTheSecondDay, false, false);

        RunSummary summary = runner.run();

        assertThat(delivered).containsExactly(START.plusDays(1));
        assertThat(offsets.read()).contains(START.plusDays(1));
        assertThat(summary.offset()).contains(START.plusDays(1));
        assertThat(summary.exitCode()).isEqualTo(RunSummary.EXIT_STOPPED_EARLY);
        assertThat(summary.stoppedBecause()).get().asString().contains("2024-03-26").contains("AccessDenied");
    }

    @Test
    void errorInThePollThreadStopsTheRunWithExitOneAndNamesIt() {
        ShopperTrakSourceTask broken = new ShopperTrakSourceTask(RunnerFixtures.CLOCK,
                (config, sleeper) -> day -> rows(day, 1)) {
            @Override
            public List<SourceRecord> poll() {
                throw new NoClassDefFoundError("org/locationvisits/Missing");
            }
        };
        MemoryOffsetStore offsets = new MemoryOffsetStore(START);
        EmbeddedRunner runner = new EmbeddedRunner(broken, props(START, START.plusDays(2)), offsets, encoder(),
                entries -> { }, false, false);

        RunSummary summary = runner.run();

        assertThat(summary.exitCode()).isEqualTo(RunSummary.EXIT_STOPPED_EARLY);
        assertThat(summary.stoppedBecause()).get().asString()
                .contains("NoClassDefFoundError").contains("org/locationvisits/Missing");
        assertThat(offsets.read()).contains(START);
    }

    private static LocalDate dayOf(List<KinesisEntry> entries) {
        String key = entries.get(0).partitionKey();
        return LocalDate.parse(key.substring(key.lastIndexOf('|') + 1, key.lastIndexOf('|') + 11));
    }
}
