package org.locationvisits.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.junit.jupiter.api.Test;
import org.locationvisits.config.Setting;
import org.locationvisits.testsupport.TaskContexts;
import org.locationvisits.offsets.SourceOffsets;
import org.locationvisits.recovery.RecoveryLedger;
import org.locationvisits.recovery.RecoveryMemory;
import org.locationvisits.recovery.SiteDay;
import org.locationvisits.recovery.StoredVisit;
import org.locationvisits.recovery.VisitKey;
import org.locationvisits.shoppertrak.DayResult;
import org.locationvisits.shoppertrak.ShopperTrakApi;
import org.locationvisits.shoppertrak.TrafficRow;

/**
 * RECOVERY_SCHEDULE in the task, day after day, each day a new task (a restart) on what the day before committed:
 * backoff asks a pending site-day 1, 2, 4, 8, 16 and 29 days after its day, and again at once after a changed answer;
 * daily asks it every day, as before.
 */
class ShopperTrakSourceTaskBackoffTest {
    private static final LocalDate D18 = LocalDate.parse("2026-11-18");
    private static final Map<String, String> SITES = Map.of(DropInConfig.SITES_CONFIG, "aa lib,bb lib");
    private static final String SCHEDULE = Setting.RECOVERY_SCHEDULE.sourceKey().orElseThrow();

    /** "site day on today" for every site request. */
    private final List<String> asked = new ArrayList<>();
    private LocalDate today;
    /** The main offset last committed by {@link #runDays}. */
    private Map<String, ?> lastMain;

    @Test
    void backoffSkipsWhatIsNotDueAndAsksAtOnceAfterAChangedAnswerAcrossRestarts() throws Exception {
        runDays(Map.of(SCHEDULE, "backoff"));

        // 'aa lib': changed at age 2 (09:00 corrected), so asked at once at age 3 (09:15 corrected), then done.
        // 'bb lib', broken for good: ages 2, 4 and 8 only.
        assertThat(asked).containsExactly("aa lib 2026-11-18 on 2026-11-20", "bb lib 2026-11-18 on 2026-11-20",
                "aa lib 2026-11-18 on 2026-11-21", "bb lib 2026-11-18 on 2026-11-22",
                "bb lib 2026-11-18 on 2026-11-26");
    }

    @Test
    void dailyAsksEveryPendingSiteDayEveryDayAsBefore() throws Exception {
        runDays(Map.of());

        List<String> expected = new ArrayList<>(List.of("aa lib 2026-11-18 on 2026-11-20",
                "bb lib 2026-11-18 on 2026-11-20", "aa lib 2026-11-18 on 2026-11-21", "bb lib 2026-11-18 on 2026-11-21"));
        for (LocalDate day = LocalDate.parse("2026-11-22"); !day.isAfter(LocalDate.parse("2026-11-28"));
             day = day.plusDays(1)) {
            expected.add("bb lib 2026-11-18 on " + day);
        }
        assertThat(asked).containsExactlyElementsOf(expected);
        assertThat(lastMain.get(RecoveryMemory.ALL_KEY).toString()).as("daily keeps no changed bit: the memory as before")
                .doesNotContain("\"c\"");
    }

    @Test
    void withAWarehouseBackoffAsksOnlyTheSiteDaysDueToday() throws Exception {
        LocalDate pollDate = LocalDate.parse("2026-12-20");
        FakeLedger ledger = new FakeLedger();
        for (int age : new int[] {2, 3, 4, 5, 8, 9, 16, 17, 29, 30}) {
            ledger.unhealthy.add(new SiteDay("aa lib", pollDate.minusDays(age)));
        }
        today = pollDate;
        ShopperTrakSourceTask task = new ShopperTrakSourceTask((config, sleeper) -> SimpleServices.of(api())
                .withRecovery(ledger, List.of()), clock(pollDate));
        task.initialize(ShopperTrakSourceTaskTest.context(SourceOffsets.offset(pollDate.minusDays(2))));
        task.start(ShopperTrakSourceTaskTest.props("2026-01-01", Map.of(SCHEDULE, "backoff")));

        drain(task);

        // Ages 30 (the window's last day: a last chance), 29, 16, 8, 4 and 2; not 17, 9, 5 or 3.
        assertThat(asked).containsExactly("aa lib 2026-11-20 on 2026-12-20", "aa lib 2026-11-21 on 2026-12-20",
                "aa lib 2026-12-04 on 2026-12-20", "aa lib 2026-12-12 on 2026-12-20",
                "aa lib 2026-12-16 on 2026-12-20", "aa lib 2026-12-18 on 2026-12-20");
        assertThat(task.progress().totals().recovery().siteDaysLeft()).as("the four not due are left for later")
                .isEqualTo(4);
        task.stop();
    }

    /**
     * 2026-11-18 is polled on 2026-11-19 with 'aa lib' 09:00 and 09:15 and 'bb lib' 09:00 unhealthy; then one run a
     * day through 2026-11-28. ShopperTrak corrects 'aa lib' 09:00 from 2026-11-20 and 09:15 from 2026-11-21; 'bb
     * lib' never.
     */
    private void runDays(Map<String, String> schedule) throws Exception {
        Map<Map<String, ?>, Map<String, ?>> committed = new HashMap<>();
        committed.put(SourceOffsets.PARTITION, SourceOffsets.offset(LocalDate.parse("2026-11-17")));
        Map<String, String> settings = new HashMap<>(SITES);
        settings.putAll(schedule);
        for (today = LocalDate.parse("2026-11-19"); !today.isAfter(LocalDate.parse("2026-11-28"));
             today = today.plusDays(1)) {
            ShopperTrakSourceTask task = new ShopperTrakSourceTask((config, sleeper) -> SimpleServices.of(api())
                    .withSites(config.sites()), clock(today));
            task.initialize(context(committed));
            task.start(ShopperTrakSourceTaskTest.props("2026-01-01", settings));
            for (SourceRecord r : drain(task)) {
                committed.put(r.sourcePartition(), r.sourceOffset());
            }
            lastMain = committed.get(SourceOffsets.PARTITION);
            task.stop();
        }
    }

    private ShopperTrakApi api() {
        return new ShopperTrakApi() {
            @Override
            public DayResult allSites(LocalDate day) {
                boolean first = day.equals(D18);
                return rows(day, row(day, "aa lib", "09:00", !first), row(day, "aa lib", "09:15", !first),
                        row(day, "bb lib", "09:00", !first));
            }

            @Override
            public DayResult site(LocalDate day, String siteId) {
                asked.add(siteId + " " + day + " on " + today);
                if (siteId.equals("bb lib")) {
                    return rows(day, row(day, siteId, "09:00", false));
                }
                return rows(day, row(day, siteId, "09:00", today.isAfter(D18.plusDays(1))),
                        row(day, siteId, "09:15", today.isAfter(D18.plusDays(2))));
            }
        };
    }

    private static List<SourceRecord> drain(ShopperTrakSourceTask task) throws InterruptedException {
        List<SourceRecord> all = new ArrayList<>();
        for (int i = 0; i < 50 && task.progress().status() != PollProgress.Status.CAUGHT_UP
                && task.progress().status() != PollProgress.Status.WAITING_AFTER_FAILURE; i++) {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                all.addAll(batch);
            }
        }
        return all;
    }

    private static Clock clock(LocalDate day) {
        ZonedDateTime noon = day.atTime(12, 0).atZone(SourceConfig.ZONE);
        return Clock.fixed(noon.toInstant(), ZoneOffset.UTC);
    }

    private static TrafficRow row(LocalDate day, String site, String time, boolean healthy) {
        return new TrafficRow(site, 1, day + "T" + time + ":00", healthy ? 4 : 0, healthy ? 4 : 0, healthy);
    }

    private static DayResult rows(LocalDate day, TrafficRow... rows) {
        return new DayResult.Rows(day, List.of(rows), 1);
    }

    /** A worker's offsets: each partition's last committed offset. */
    private static SourceTaskContext context(Map<Map<String, ?>, Map<String, ?>> committed) {
        return TaskContexts.of(committed);
    }

    /** A warehouse whose unhealthy site-days are listed; each holds one unhealthy 09:00 row. */
    private static final class FakeLedger implements RecoveryLedger {
        final List<SiteDay> unhealthy = new ArrayList<>();

        @Override
        public List<SiteDay> unhealthySiteDays(LocalDate from, LocalDate to) {
            return unhealthy.stream().filter(s -> !s.date().isBefore(from) && !s.date().isAfter(to)).sorted()
                    .toList();
        }

        @Override
        public Set<SiteDay> siteDaysWithRows(LocalDate from, LocalDate to) {
            return Set.of();
        }

        @Override
        public Map<VisitKey, StoredVisit> freshRows(SiteDay siteDay) {
            return Map.of(new VisitKey(siteDay.siteId(), 1, siteDay.date().atTime(9, 0)),
                    new StoredVisit(1, false, 0, 0));
        }

        @Override
        public int markStale(Collection<Long> ids) {
            return ids.size();
        }
    }
}
