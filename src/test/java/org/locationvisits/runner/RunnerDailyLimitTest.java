package org.locationvisits.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.locationvisits.runner.RunnerFixtures.props;
import static org.locationvisits.runner.RunnerFixtures.rows;
import static org.locationvisits.runner.RunnerFixtures.task;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.locationvisits.metrics.RunSummary;
import org.locationvisits.offsets.MemoryOffsetStore;
import org.locationvisits.source.DropInConfig;
import org.locationvisits.source.SourceConfig;
import org.locationvisits.testsupport.LogCapture;

/** The daily call limit in the main job: the backfill stops before it, exit 0, the last line says what is left. */
class RunnerDailyLimitTest {
    private static final LocalDate START = LocalDate.parse("2024-03-24");

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aBackfillReachingTheLimitStopsBeforeTheNextCallAndExitsZero() {
        MemoryOffsetStore offsets = new MemoryOffsetStore(START);
        List<LocalDate> asked = new ArrayList<>();
        Map<String, String> props = props(START, START.plusDays(3));
        props.put(DropInConfig.DAILY_CALL_LIMIT_CONFIG, "2");
        props.put(SourceConfig.MAX_RETRIES_CONFIG, "1");
        EmbeddedRunner runner = RunnerFixtures.runner(task(day -> {
            asked.add(day);
            return rows(day, 2);
        }), props, offsets, entries -> { }, false, false).build();

        RunSummary summary;
        try (LogCapture logs = LogCapture.start()) {
            summary = runner.run();

            assertThat(logs.text()).containsOnlyOnce("Daily call limit reached")
                    .contains("2 ShopperTrak call(s) on 2024-03-28 of a daily budget of 2")
                    .contains("1 day(s) left for the next New York day");
        }
        assertThat(asked).containsExactly(START.plusDays(1), START.plusDays(2));
        assertThat(summary.exitCode()).isEqualTo(RunSummary.EXIT_CAUGHT_UP);
        assertThat(offsets.read()).contains(START.plusDays(2));
    }
}
