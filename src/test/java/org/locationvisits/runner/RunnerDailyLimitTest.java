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

/**
 * The main job's end around the daily poll: the daily call limit stops a backfill (exit 0, the last line says what is
 * left); a daily poll failing with an error answer still delivers and commits recovery of earlier days (exit 1).
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
        List<String> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.locationvisits.recovery.SiteDay unhealthy = new org.locationvisits.recovery.SiteDay("aa lib", START);
        org.locationvisits.recovery.RecoveryLedger ledger = new org.locationvisits.recovery.RecoveryLedger() {
            @Override
            public List<org.locationvisits.recovery.SiteDay> unhealthySiteDays(LocalDate from, LocalDate to) {
                return List.of(unhealthy);
            }

            @Override
            public java.util.Set<org.locationvisits.recovery.SiteDay> siteDaysWithRows(LocalDate from, LocalDate to) {
                return java.util.Set.of();
            }

            @Override
            public Map<org.locationvisits.recovery.VisitKey, org.locationvisits.recovery.StoredVisit> freshRows(
                    org.locationvisits.recovery.SiteDay siteDay) {
                return Map.of();
            }

            @Override
            public int markStale(java.util.Collection<Long> ids) {
                return ids.size();
            }
        };
        org.locationvisits.shoppertrak.ShopperTrakApi api = new org.locationvisits.shoppertrak.ShopperTrakApi() {
            @Override
            public org.locationvisits.shoppertrak.DayResult allSites(LocalDate day) {
                return new org.locationvisits.shoppertrak.DayResult.Failed(day, "unknown error code E999", 1, true);
            }

            @Override
            public org.locationvisits.shoppertrak.DayResult site(LocalDate day, String siteId) {
                return rows(day, 1);
            }
        };
        EmbeddedRunner.TaskFactory task = progress -> new org.locationvisits.source.ShopperTrakSourceTask(
                (config, sleeper) -> org.locationvisits.source.SimpleServices.of(api).withRecovery(ledger, List.of()),
                RunnerFixtures.CLOCK, progress);
        EmbeddedRunner runner = RunnerFixtures.runner(task, props(START, START.plusDays(3)), offsets,
                entries -> entries.forEach(e -> delivered.add(e.partitionKey())), false, false).build();

        RunSummary summary = runner.run();

        assertThat(delivered).as("the recovered site-day").hasSize(1);
        assertThat(summary.exitCode()).isEqualTo(RunSummary.EXIT_STOPPED_EARLY);
        assertThat(summary.stoppedBecause()).get().asString().contains("E999");
        assertThat(offsets.read()).contains(START);
    }
}
