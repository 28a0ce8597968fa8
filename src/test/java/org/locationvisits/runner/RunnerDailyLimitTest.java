package org.locationvisits.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.locationvisits.runner.RunnerFixtures.props;
import static org.locationvisits.runner.RunnerFixtures.rows;
import static org.locationvisits.runner.RunnerFixtures.task;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.locationvisits.metrics.RunSummary;
import org.locationvisits.offsets.MemoryOffsetStore;
import org.locationvisits.recovery.RecoveryLedger;
import org.locationvisits.recovery.SiteDay;
import org.locationvisits.recovery.StoredVisit;
import org.locationvisits.recovery.VisitKey;
import org.locationvisits.shoppertrak.DayResult;
import org.locationvisits.shoppertrak.ShopperTrakApi;
import org.locationvisits.source.DropInConfig;
import org.locationvisits.source.ShopperTrakSourceTask;
import org.locationvisits.source.SimpleServices;
import org.locationvisits.source.SourceConfig;
import org.locationvisits.testsupport.LogCapture;

/**
 * The main job's end around the daily poll: the daily call limit stops a backfill (exit 0, the last line says what is
 * left); a daily poll failing with an error answer still delivers and commits recovery of earlier days (exit 1); a
 * recovery pass that busy ends leaves a daily poll that succeeded at exit 0.
 */
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

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aDailyPollFailingWithAnErrorAnswerStillDeliversRecoveryOfEarlierDaysThenExitsOne() {
        MemoryOffsetStore offsets = new MemoryOffsetStore(START);
        List<String> delivered = new CopyOnWriteArrayList<>();

        RunSummary summary = runWithRecovery(offsets, delivered,
                day -> new DayResult.Failed(day, "unknown error code E999", 1, true), day -> rows(day, 1)).run();

        assertThat(delivered).as("the recovered site-day").hasSize(1);
        assertThat(summary.exitCode()).isEqualTo(RunSummary.EXIT_STOPPED_EARLY);
        assertThat(summary.stoppedBecause()).get().asString().contains("E999");
        assertThat(offsets.read()).contains(START);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aRecoveryPassEndedByABusyShopperTrakLeavesADailyPollThatSucceededAtExitZero() {
        MemoryOffsetStore offsets = new MemoryOffsetStore(START);
        List<String> delivered = new CopyOnWriteArrayList<>();

        RunSummary summary;
        try (LogCapture logs = LogCapture.start()) {
            summary = runWithRecovery(offsets, delivered, day -> rows(day, 2),
                    day -> new DayResult.BusyExhausted(day, "E108", 3)).run();

            assertThat(logs.text()).contains("Run complete").contains("(ended early: recovery of 'aa lib' "
                    + START + " failed: ShopperTrak stayed busy");
            assertThat(logs.warningsAndErrors()).noneMatch(line -> line.startsWith("ERROR"));
        }
        assertThat(summary.exitCode()).isEqualTo(RunSummary.EXIT_CAUGHT_UP);
        assertThat(delivered).as("three days of two rows").hasSize(6);
        assertThat(offsets.read()).contains(START.plusDays(3));
    }

    /** A run from START through START + 3 whose recovery pass re-queries 'aa lib' on START. */
    private static EmbeddedRunner runWithRecovery(MemoryOffsetStore offsets, List<String> delivered,
                                                  Function<LocalDate, DayResult> allSites,
                                                  Function<LocalDate, DayResult> site) {
        SiteDay unhealthy = new SiteDay("aa lib", START);
        RecoveryLedger ledger = new RecoveryLedger() {
            @Override
            public List<SiteDay> unhealthySiteDays(LocalDate from, LocalDate to) {
                return List.of(unhealthy);
            }

            @Override
            public Set<SiteDay> siteDaysWithRows(LocalDate from, LocalDate to) {
                return Set.of();
            }

            @Override
            public Map<VisitKey, StoredVisit> freshRows(SiteDay siteDay) {
                return Map.of();
            }

            @Override
            public int markStale(Collection<Long> ids) {
                return ids.size();
            }
        };
        ShopperTrakApi api = new ShopperTrakApi() {
            @Override
            public DayResult allSites(LocalDate day) {
                return allSites.apply(day);
            }

            @Override
            public DayResult site(LocalDate day, String siteId) {
                return site.apply(day);
            }
        };
        EmbeddedRunner.TaskFactory task = progress -> new ShopperTrakSourceTask(
                (config, sleeper) -> SimpleServices.of(api).withRecovery(ledger, List.of()),
                RunnerFixtures.CLOCK, progress);
        return RunnerFixtures.runner(task, props(START, START.plusDays(3)), offsets,
                entries -> entries.forEach(e -> delivered.add(e.partitionKey())), false, false).build();
    }
}
