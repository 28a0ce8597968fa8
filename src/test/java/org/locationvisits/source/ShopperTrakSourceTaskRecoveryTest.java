package org.locationvisits.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.locationvisits.avro.RecordGeneration;
import org.locationvisits.testsupport.TaskContexts;
import org.locationvisits.calendar.Hours;
import org.locationvisits.calendar.LocationCalendar;
import org.locationvisits.recovery.RecoveryLedger;
import org.locationvisits.recovery.RecoveryMemory;
import org.locationvisits.recovery.SiteDay;
import org.locationvisits.recovery.StoredVisit;
import org.locationvisits.recovery.VisitKey;
import org.locationvisits.shoppertrak.DayResult;
import org.locationvisits.shoppertrak.TrafficRow;
import org.locationvisits.testsupport.LogCapture;
import org.locationvisits.recovery.RecoveryStats;
import org.locationvisits.offsets.DayPosition;
import org.locationvisits.offsets.SourceOffsets;
import org.locationvisits.shoppertrak.ShopperTrakApi;

/** Recovery, bad poll dates, poll time and the current generation in the task, with scripted answers. */
class ShopperTrakSourceTaskRecoveryTest {
    private static final LocalDate STORED = LocalDate.parse("2026-11-18");
    private static final LocalDate D17 = LocalDate.parse("2026-11-17");
    private static final LocalDate D16 = LocalDate.parse("2026-11-16");

    private final List<String> asked = new ArrayList<>();
    private final FakeLedger ledger = new FakeLedger();

    /** Answers sites by (day, site); allsites ("*") answers one healthy row unless scripted otherwise. */
    private BiFunction<LocalDate, String, DayResult> answers = (day, site) -> rows(day, site, row(day, site, "09:00", 1, true));

    @Test
    void recoveryRunsOnceAfterTheDailyPollOverTheThirtyDaysBeforeIt() throws Exception {
        ledger.unhealthy.add(new SiteDay("aa lib", D17));
        ledger.fresh.put(key("aa lib", D17, "09:00"), new StoredVisit(7, false, 0, 0));
        answers = (day, site) -> site.equals("*") ? rows(day, "bb lib", row(day, "bb lib", "09:00", 3, true))
                : rows(day, site, row(day, site, "09:00", 5, true), row(day, site, "09:15", 6, true),
                        row(day, site, "09:30", 0, false));
        ShopperTrakSourceTask task = task(at(2026, 11, 21, 12, 0), Map.of(), RecordGeneration.FIRST);

        List<SourceRecord> day19 = task.poll();
        List<SourceRecord> day20 = task.poll();
        assertThat(task.poll()).as("recovery starts").isNull();
        List<SourceRecord> recovered = task.poll();

        assertThat(asked).containsExactly("* 2026-11-19", "* 2026-11-20", "aa lib 2026-11-17");
        assertThat(ledger.windows).containsExactly("2026-10-22..2026-11-18");
        assertThat(day19).hasSize(1);
        assertThat(day20).hasSize(1);
        assertThat(recovered).hasSize(2).allSatisfy(r -> {
            assertThat(r.sourcePartition()).isEqualTo(SourceOffsets.PARTITION);
            assertThat(SourceOffsets.lastPollDate(r.sourceOffset())).as("recovery never moves the offset")
                    .isEqualTo(LocalDate.parse("2026-11-20"));
            assertThat(((Struct) r.value()).getBoolean("is_recovery_data")).isTrue();
        });
        assertThat(ledger.staleCalls).as("nothing marked before delivery").isEmpty();

        task.commitRecord(recovered.get(0), Acks.ACKED);
        task.commit();
        assertThat(ledger.staleCalls).isEmpty();
        task.commitRecord(recovered.get(1), Acks.ACKED);
        task.commit();
        assertThat(ledger.staleCalls).containsExactly(List.of(7L));

        assertThat(task.poll()).as("recovery done").isNull();
        assertThat(task.poll()).isNull();
        assertThat(task.progress().status()).isEqualTo(PollProgress.Status.CAUGHT_UP);
        assertThat(task.progress().totals().recovery()).isEqualTo(new RecoveryStats(1, 2, 1, 1, 0));
        assertThat(asked).hasSize(3);
        assertThat(ledger.windows).hasSize(1);
    }

    @Test
    void e107EndsRecoveryAndLeavesTheRestForALaterRun() throws Exception {
        ledger.unhealthy.addAll(List.of(new SiteDay("aa lib", D16), new SiteDay("bb lib", D16),
                new SiteDay("cc lib", D17)));
        answers = (day, site) -> site.equals("bb lib") ? new DayResult.QuotaExceeded(day, 1)
                : rows(day, site, row(day, site, "09:00", 1, true));
        ShopperTrakSourceTask task = task(at(2026, 11, 19, 12, 0), Map.of(), RecordGeneration.FIRST);

        drain(task);

        assertThat(asked).containsExactly("aa lib 2026-11-16", "bb lib 2026-11-16");
        assertThat(task.progress().totals().recovery().siteDaysLeft()).isEqualTo(2);
        assertThat(task.progress().totals().recoveryFailure()).isEmpty();
    }

    @Test
    void aRequestFailingForGoodEndsRecoveryWithItsReasonButNotOnABadPollDate() throws Exception {
        ledger.unhealthy.addAll(List.of(new SiteDay("aa lib", D16), new SiteDay("bb lib", D17),
                new SiteDay("cc lib", D17)));
        answers = (day, site) -> site.equals("cc lib") ? rows(day, site, row(day, site, "09:00", 1, true))
                : new DayResult.Failed(day, "HTTP 500 three times", 3);
        ShopperTrakSourceTask task = task(at(2026, 11, 19, 12, 0),
                Map.of(DropInConfig.BAD_POLL_DATES_CONFIG, D16.toString()), RecordGeneration.FIRST);

        drain(task);

        assertThat(asked).containsExactly("aa lib 2026-11-16", "bb lib 2026-11-17");
        assertThat(task.progress().totals().recoveryFailure()).get().asString().contains("'bb lib' 2026-11-17")
                .contains("HTTP 500 three times").contains("2 site-day(s) left");
    }

    @Test
    void anErrorAnswerAboutOneSiteDayIsOneLineAndRecoveryGoesOn() throws Exception {
        ledger.unhealthy.addAll(List.of(new SiteDay("aa lib", D16), new SiteDay("bb lib", D16),
                new SiteDay("dd lib", D16), new SiteDay("cc lib", D17)));
        answers = (day, site) -> site.equals("aa lib") ? new DayResult.Failed(day, "unknown error code E999", 1, true)
                : site.equals("bb lib") ? new DayResult.Failed(day, "answer for 2026-11-15, not 2026-11-16", 1, true)
                : site.equals("dd lib") ? new DayResult.Failed(day, "HTTP 404 from ...", 1,
                        DayResult.Failed.Cause.REFUSED)
                : rows(day, site, row(day, site, "09:00", 1, true));
        ShopperTrakSourceTask task = task(at(2026, 11, 19, 12, 0), Map.of(), RecordGeneration.FIRST);

        try (LogCapture logs = LogCapture.start()) {
            drain(task);

            assertThat(logs.warningsAndErrors()).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("WARN")
                    .contains("stays pending"));
        }
        assertThat(asked).as("a refused request (HTTP 4xx, over the cap) is about its one site-day too")
                .containsExactly("aa lib 2026-11-16", "bb lib 2026-11-16", "dd lib 2026-11-16", "cc lib 2026-11-17");
        assertThat(task.progress().totals().recovery().rowsRecovered()).isEqualTo(1);
        assertThat(task.progress().totals().recovery().siteDaysLeft()).as("the failed site-days stay pending")
                .isEqualTo(3);
        assertThat(task.progress().totals().recoveryFailure()).as("the run exits 0").isEmpty();
    }

    @Test
    void busyToTheEndStillEndsRecovery() throws Exception {
        ledger.unhealthy.addAll(List.of(new SiteDay("aa lib", D16), new SiteDay("bb lib", D17)));
        answers = (day, site) -> new DayResult.BusyExhausted(day, "E108", 3);
        ShopperTrakSourceTask task = task(at(2026, 11, 19, 12, 0), Map.of(), RecordGeneration.FIRST);

        drain(task);

        assertThat(asked).containsExactly("aa lib 2026-11-16");
        assertThat(task.progress().totals().recoveryFailure()).get().asString().contains("busy");
    }

    @Test
    void aWarehouseFailureEndsOnlyThePassAndLeavesItsSiteDaysPending() throws Exception {
        ledger.unhealthy.addAll(List.of(new SiteDay("aa lib", D16), new SiteDay("bb lib", D17),
                new SiteDay("cc lib", D17)));
        ledger.unreadable = new SiteDay("bb lib", D17);
        ShopperTrakSourceTask task = task(at(2026, 11, 19, 12, 0), Map.of(), RecordGeneration.FIRST);

        List<SourceRecord> recovered = drain(task);

        assertThat(asked).containsExactly("aa lib 2026-11-16", "bb lib 2026-11-17");
        assertThat(recovered).extracting(r -> (String) r.key()).allMatch(key -> key.startsWith("aa lib|"));
        assertThat(task.progress().status()).as("no exception: the task goes on").isEqualTo(
                PollProgress.Status.CAUGHT_UP);
        assertThat(task.progress().totals().recoveryFailure()).get().asString().contains("'bb lib' 2026-11-17")
                .contains("connection reset").contains("2 site-day(s) left");
    }

    @Test
    void aPassRunningPastMidnightCountsItsLaterCallsAgainstTheNewDay() throws Exception {
        for (String site : List.of("aa lib", "bb lib", "cc lib", "dd lib")) {
            ledger.unhealthy.add(new SiteDay(site, D16));
        }
        ShopperTrakSourceTaskTest.MutableClock clock = new ShopperTrakSourceTaskTest.MutableClock(
                at(2026, 11, 19, 23, 59).toInstant());
        answers = (day, site) -> {
            if (site.equals("aa lib")) {
                clock.set(at(2026, 11, 20, 0, 1).toInstant()); // midnight passes during the first request
            }
            return rows(day, site, row(day, site, "09:00", 1, true));
        };
        ShopperTrakSourceTask task = new ShopperTrakSourceTask((config, sleeper) -> services(RecordGeneration.FIRST)
                .withRecovery(ledger, List.of()), clock);
        task.initialize(ShopperTrakSourceTaskTest.context(SourceOffsets.offset(STORED)));
        task.start(ShopperTrakSourceTaskTest.props("2026-01-01",
                Map.of(DropInConfig.DAILY_CALL_LIMIT_CONFIG, "5", SourceConfig.POLL_TIME_WAIT_CONFIG, "false")));

        drain(task);

        // A call counts on the day it returns on: 2026-11-20 has aa, bb, cc, dd (4) and the daily poll of 2026-11-19
        // (5); the new day's pass finds the limit spent. Counted against 2026-11-19, the pass would leave 2026-11-20
        // four more calls.
        assertThat(asked).containsExactly("aa lib 2026-11-16", "bb lib 2026-11-16", "cc lib 2026-11-16",
                "dd lib 2026-11-16", "* 2026-11-19");
        assertThat(task.progress().totals().callsToday()).contains("5 ShopperTrak call(s) on 2026-11-20");
    }

    @Test
    void nothingAboutAListedBadPollDateIsLoggedAboveInfo() throws Exception {
        LocalDate d19 = LocalDate.parse("2026-11-19");
        ledger.unhealthy.addAll(List.of(new SiteDay("aa lib", D16), new SiteDay("bb lib", D16)));
        answers = (day, site) -> day.equals(D16) || day.equals(d19) ? new DayResult.Failed(day, "bad", 1, true)
                : rows(day, site, row(day, site, "09:00", 1, true));
        ShopperTrakSourceTask task = task(at(2026, 11, 21, 12, 0),
                Map.of(DropInConfig.BAD_POLL_DATES_CONFIG, D16 + "," + d19), RecordGeneration.FIRST);

        try (LogCapture logs = LogCapture.start()) {
            drain(task);

            assertThat(logs.warningsAndErrors()).isEmpty();
            assertThat(logs.text()).containsOnlyOnce("Day 2026-11-19 skipped: it is a listed bad poll date");
        }
        assertThat(asked).contains("* 2026-11-19", "* 2026-11-20", "aa lib 2026-11-16", "bb lib 2026-11-16");
    }

    @Test
    void siteErrorsSkipTheSiteAndRecoveryGoesOn() throws Exception {
        ledger.unhealthy.addAll(List.of(new SiteDay("aa lib", D16), new SiteDay("bb lib", D17)));
        answers = (day, site) -> site.equals("aa lib") ? new DayResult.SiteError(day, site, "E101", "not found", 1)
                : rows(day, site, row(day, site, "09:00", 1, true));
        ShopperTrakSourceTask task = task(at(2026, 11, 19, 12, 0), Map.of(), RecordGeneration.FIRST);

        drain(task);

        assertThat(asked).containsExactly("aa lib 2026-11-16", "bb lib 2026-11-17");
        assertThat(task.progress().totals().recovery().rowsRecovered()).isEqualTo(1);
        assertThat(task.progress().totals().recoveryFailure()).isEmpty();
    }

    @Test
    void ignoreUpdateNeverMarksRowsStale() throws Exception {
        ledger.unhealthy.add(new SiteDay("aa lib", D17));
        ledger.fresh.put(key("aa lib", D17, "09:00"), new StoredVisit(7, false, 0, 0));
        ShopperTrakSourceTask task = task(at(2026, 11, 19, 12, 0),
                Map.of(DropInConfig.WAREHOUSE_UPDATE_CONFIG, "false"), RecordGeneration.FIRST);

        for (SourceRecord r : drain(task)) {
            task.commitRecord(r, Acks.ACKED);
        }
        task.commit();

        assertThat(task.progress().totals().recovery().rowsRecovered()).isEqualTo(1);
        assertThat(ledger.staleCalls).isEmpty();
    }

    @Test
    void aFailingListedBadPollDateIsSkippedAndTheNextDayPolled() throws Exception {
        answers = (day, site) -> day.equals(LocalDate.parse("2026-11-19")) ? new DayResult.Failed(day, "bad", 1, true)
                : rows(day, site, row(day, "aa lib", "09:00", 1, true));
        ShopperTrakSourceTask task = taskWithoutLedger(at(2026, 11, 21, 12, 0),
                Map.of(DropInConfig.BAD_POLL_DATES_CONFIG, "2026-11-19"));

        assertThat(task.poll()).isNull();
        assertThat(task.progress().takeDayWithoutRecords()).get().satisfies(offsets -> assertThat(SourceOffsets.lastPollDate(
                offsets.get(SourceOffsets.PARTITION))).isEqualTo(LocalDate.parse("2026-11-19")));
        List<SourceRecord> next = task.poll();

        assertThat(next).hasSize(1);
        assertThat(SourceOffsets.lastPollDate(next.get(0).sourceOffset())).isEqualTo(LocalDate.parse("2026-11-20"));
        assertThat(task.progress().takeDayWithoutRecords()).isEmpty();
        assertThat(task.progress().lastFailure()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failuresThatSayNothingAboutTheDay")
    void aListedBadPollDateStaysWhenTheFailureIsNotAnAnswerAboutTheDay(String name, DayResult failure)
            throws Exception {
        answers = (day, site) -> day.equals(LocalDate.parse("2026-11-19")) ? failure
                : rows(day, site, row(day, "aa lib", "09:00", 1, true));
        ShopperTrakSourceTask task = taskWithoutLedger(at(2026, 11, 21, 12, 0),
                Map.of(DropInConfig.BAD_POLL_DATES_CONFIG, "2026-11-19"));

        assertThat(task.poll()).isNull();

        assertThat(task.progress().takeDayWithoutRecords()).isEmpty();
        assertThat(task.progress().totals().lastEmitted()).isEqualTo(STORED);
        assertThat(task.progress().status()).isEqualTo(PollProgress.Status.WAITING_AFTER_FAILURE);
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> failuresThatSayNothingAboutTheDay() {
        LocalDate day = LocalDate.parse("2026-11-19");
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("E107 quota",
                        new DayResult.QuotaExceeded(day, 1)),
                org.junit.jupiter.params.provider.Arguments.of("request cancelled by our own stop",
                        new DayResult.Failed(day, "ShopperTrak client was stopped while fetching allsites", 1)),
                org.junit.jupiter.params.provider.Arguments.of("network failure after retries",
                        new DayResult.Failed(day, "ShopperTrak request for allsites failed 3 time(s)", 3)));
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> failuresOfEveryRequest() {
        return java.util.stream.Stream.concat(failuresThatSayNothingAboutTheDay(), java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("busy to the end",
                        new DayResult.BusyExhausted(LocalDate.parse("2026-11-19"), "E108", 3))));
    }

    @Test
    void anUnlistedFailingDayIsNeverSkipped() throws Exception {
        answers = (day, site) -> new DayResult.Failed(day, "bad", 1);
        ShopperTrakSourceTask task = taskWithoutLedger(at(2026, 11, 21, 12, 0),
                Map.of(DropInConfig.BAD_POLL_DATES_CONFIG, "2026-11-20"));

        assertThat(task.poll()).isNull();

        assertThat(task.progress().status()).isEqualTo(PollProgress.Status.WAITING_AFTER_FAILURE);
        assertThat(task.progress().totals().lastEmitted()).isEqualTo(STORED);
        assertThat(task.progress().takeDayWithoutRecords()).isEmpty();
    }

    @Test
    void aLongRunningTaskPollsYesterdayOnlyAfterPollTimeInNewYork() throws Exception {
        Map<String, String> wait = Map.of(SourceConfig.POLL_TIME_WAIT_CONFIG, "true",
                SourceConfig.POLL_TIME_CONFIG, "06:00");
        // 05:59 in New York is 10:59 UTC: the day before yesterday is the last one ShopperTrak has
        drain(taskWithoutLedger(at(2026, 11, 21, 5, 59), wait));
        assertThat(asked).containsExactly("* 2026-11-19");

        asked.clear();
        drain(taskWithoutLedger(at(2026, 11, 21, 6, 0), wait));
        assertThat(asked).containsExactly("* 2026-11-19", "* 2026-11-20");

        asked.clear();
        // 23:30 in New York is already 2026-11-22 in UTC: yesterday is still 2026-11-20
        drain(taskWithoutLedger(at(2026, 11, 21, 23, 30), wait));
        assertThat(asked).containsExactly("* 2026-11-19", "* 2026-11-20");

        asked.clear();
        drain(taskWithoutLedger(at(2026, 11, 21, 5, 59), Map.of(SourceConfig.POLL_TIME_WAIT_CONFIG, "false")));
        assertThat(asked).as("the main job's once mode polls yesterday whenever it runs")
                .containsExactly("* 2026-11-19", "* 2026-11-20");
    }

    @Test
    void theCurrentGenerationMarksUnhealthyEmptyIncrementsInOpeningHoursMissing() throws Exception {
        LocalDate friday = LocalDate.parse("2026-11-20");
        answers = (day, site) -> rows(day, "aa lib", row(day, "aa lib", "08:45", 0, false),
                row(day, "aa lib", "09:00", 0, false), row(day, "aa lib", "09:15", 2, false),
                row(day, "aa lib", "09:30", 0, true));
        LocationCalendar calendar = new LocationCalendar.Builder()
                .hours("aa", DayOfWeek.FRIDAY, new Hours(LocalTime.of(9, 0), LocalTime.of(18, 0))).build();
        ShopperTrakSourceTask task = new ShopperTrakSourceTask((config, sleeper) -> services(RecordGeneration.CURRENT)
                .withCalendar(calendar), clock(at(2026, 11, 21, 12, 0)));
        task.initialize(ShopperTrakSourceTaskTest.context(SourceOffsets.offset(friday.minusDays(1))));
        task.start(ShopperTrakSourceTaskTest.props("2026-11-18", Map.of()));

        List<SourceRecord> records = task.poll();

        assertThat(records).extracting(r -> ((Struct) r.value()).getBoolean("is_missing_data"))
                .containsExactly(false, true, false, false);
        assertThat(records).extracting(r -> ((Struct) r.value()).getString("increment_start"))
                .first().isEqualTo("2026-11-20 08:45:00");
        assertThat(((Struct) records.get(0).value()).schema().field("is_healthy_orbit")).isNull();
    }

    @Test
    void withoutAWarehouseTheTaskRemembersWhatToRecoverInItsOffsets() throws Exception {
        LocalDate d18 = LocalDate.parse("2026-11-18");
        Map<String, String> sites = Map.of(DropInConfig.SITES_CONFIG, "aa lib,bb lib");
        // Day 1 polls 2026-11-18: 'aa lib' 09:00 unhealthy, 'bb lib' absent from the answer.
        answers = (day, site) -> rows(day, "aa lib", row(day, "aa lib", "09:00", 0, false),
                row(day, "aa lib", "09:15", 4, true), row(day, "aa lib", "09:30", 4, true));
        Map<Map<String, ?>, Map<String, ?>> committed = new HashMap<>();
        committed.put(SourceOffsets.PARTITION, SourceOffsets.offset(LocalDate.parse("2026-11-17")));
        commitAll(drain(memoryTask(at(2026, 11, 19, 12, 0), committed, sites)), committed);
        assertThat(asked).containsExactly("* 2026-11-18");

        // Day 2: a new task (a restart) reads that memory back and recovers both site-days.
        asked.clear();
        answers = (day, site) -> site.equals("*") ? rows(day, "aa lib", row(day, "aa lib", "09:00", 1, true),
                row(day, "bb lib", "09:00", 1, true), row(day, "bb lib", "09:15", 1, true))
                : site.equals("aa lib") ? rows(day, site, row(day, site, "09:00", 7, true),
                        row(day, site, "09:15", 9, true), row(day, site, "09:30", 4, true))
                : rows(day, site, row(day, site, "09:00", 2, true), row(day, site, "09:15", 0, false));
        List<SourceRecord> day2 = drain(memoryTask(at(2026, 11, 20, 12, 0), committed, sites));
        commitAll(day2, committed);

        assertThat(asked).containsExactly("* 2026-11-19", "aa lib 2026-11-18", "bb lib 2026-11-18");
        List<String> recovered = day2.stream().filter(r -> ((Struct) r.value()).getBoolean("is_recovery_data"))
                .map(r -> (String) r.key()).toList();
        // Only the increment sent unhealthy is sent again for 'aa lib' (09:15 was sent healthy); 'bb lib' whole.
        assertThat(recovered).containsExactly("aa lib|1|2026-11-18T09:00:00", "bb lib|1|2026-11-18T09:00:00",
                "bb lib|1|2026-11-18T09:15:00");

        // Day 3: what was recovered is forgotten; what 'bb lib' sent unhealthy is remembered instead.
        asked.clear();
        answers = (day, site) -> rows(day, "aa lib", row(day, "aa lib", "09:00", 1, true),
                row(day, "bb lib", "09:00", 1, true), row(day, "bb lib", "09:15", 1, true));
        drain(memoryTask(at(2026, 11, 21, 12, 0), committed, sites));
        assertThat(asked).containsExactly("* 2026-11-20", "bb lib 2026-11-18");
        RecoveryMemory stored = new RecoveryMemory();
        stored.restoreAll(committed.get(SourceOffsets.PARTITION).get(RecoveryMemory.ALL_KEY).toString());
        assertThat(stored.describe()).singleElement().asString().contains("'bb lib' 2026-11-18");
    }

    @Test
    void aWorkerNeverCommitsADayOrAPositionPastARowNotYetAcknowledged() throws Exception {
        Map<String, String> sites = Map.of(DropInConfig.SITES_CONFIG, "aa lib,bb lib,cc lib,dd lib");
        answers = (day, site) -> new DayResult.Rows(day, List.of(row(day, "aa lib", "09:00", 1, true),
                row(day, "bb lib", "09:00", 1, true), row(day, "cc lib", "09:00", 1, true),
                row(day, "dd lib", "09:00", 1, true)), 1);
        Map<Map<String, ?>, Map<String, ?>> stored = new HashMap<>();
        stored.put(SourceOffsets.PARTITION, SourceOffsets.offset(LocalDate.parse("2026-11-17")));
        List<SourceRecord> day = memoryTask(at(2026, 11, 19, 12, 0), stored, sites).poll();
        assertThat(day).hasSize(4);

        // Every record but the first acknowledged (they went to other topic partitions): nothing of the day counts.
        Map<Map<String, ?>, Map<String, ?>> committed = new HashMap<>(stored);
        committed.putAll(WorkerOffsets.committed(day, 1, 2, 3));
        assertThat(SourceOffsets.lastPollDate(committed.get(SourceOffsets.PARTITION)))
                .isEqualTo(LocalDate.parse("2026-11-17"));
        asked.clear();
        List<SourceRecord> again = memoryTask(at(2026, 11, 19, 12, 0), committed, sites).poll();
        assertThat(again).extracting(r -> (String) r.key()).contains((String) day.get(0).key());

        // The third acknowledged alone: the restart sends the first, second and fourth again.
        committed = new HashMap<>(stored);
        committed.putAll(WorkerOffsets.committed(day, 2));
        again = memoryTask(at(2026, 11, 19, 12, 0), committed, sites).poll();
        assertThat(again).extracting(r -> (String) r.key()).contains((String) day.get(0).key(),
                (String) day.get(1).key(), (String) day.get(3).key());
    }

    @Test
    void aRecoveredSiteDayStaysRememberedUntilEveryRecordOfItsBatchIsAcknowledged() throws Exception {
        Map<String, String> sites = Map.of(DropInConfig.SITES_CONFIG, "aa lib");
        answers = (day, site) -> rows(day, "aa lib", row(day, "aa lib", "09:00", 0, false),
                row(day, "aa lib", "09:15", 0, false), row(day, "aa lib", "09:30", 0, false));
        Map<Map<String, ?>, Map<String, ?>> committed = new HashMap<>();
        committed.put(SourceOffsets.PARTITION, SourceOffsets.offset(LocalDate.parse("2026-11-17")));
        commitAll(drain(memoryTask(at(2026, 11, 19, 12, 0), committed, sites)), committed);

        // The next day recovery finds the three increments healthy and sends them as one batch.
        answers = (day, site) -> rows(day, "aa lib", row(day, "aa lib", "09:00", 2, true),
                row(day, "aa lib", "09:15", 2, true), row(day, "aa lib", "09:30", 2, true));
        List<SourceRecord> sent = drain(memoryTask(at(2026, 11, 20, 12, 0), committed, sites));
        List<SourceRecord> batch = sent.stream().filter(r -> ((Struct) r.value()).getBoolean("is_recovery_data"))
                .toList();
        assertThat(batch).hasSize(3);
        int last = sent.indexOf(batch.get(2));
        int[] allButTheFirstOfTheBatch = java.util.stream.IntStream.range(0, sent.size())
                .filter(i -> sent.get(i) != batch.get(0)).toArray();

        Map<String, Object> main = WorkerOffsets.committed(sent, allButTheFirstOfTheBatch).get(SourceOffsets.PARTITION);
        RecoveryMemory remembered = new RecoveryMemory();
        remembered.restoreAll(main.get(RecoveryMemory.ALL_KEY).toString());
        assertThat(remembered.describe()).as("the batch is not wholly acknowledged").singleElement().asString()
                .contains("'aa lib' 2026-11-18");

        int[] all = java.util.stream.IntStream.range(0, sent.size()).toArray();
        main = WorkerOffsets.committed(sent, all).get(SourceOffsets.PARTITION);
        remembered.restoreAll(main.get(RecoveryMemory.ALL_KEY).toString());
        assertThat(remembered.describe()).as("forgotten once every record is acknowledged (last is #" + last + ")")
                .isEmpty();
    }

    @Test
    void aRestartInsideADaySendsASiteTheDayLackedBeforeEvenWhenItNowSortsBeforeThePosition() throws Exception {
        LocalDate d18 = LocalDate.parse("2026-11-18");
        Map<String, String> sites = Map.of(DropInConfig.SITES_CONFIG, "aa lib,bb lib,cc lib");
        // First answer: 'aa lib' absent; 'bb lib' and 'cc lib' with two rows each.
        answers = (day, site) -> new DayResult.Rows(day, List.of(row(day, "bb lib", "09:00", 1, true),
                row(day, "bb lib", "09:15", 1, false), row(day, "cc lib", "09:00", 1, true),
                row(day, "cc lib", "09:15", 1, true)), 1);
        Map<Map<String, ?>, Map<String, ?>> stored = new HashMap<>();
        stored.put(SourceOffsets.PARTITION, SourceOffsets.offset(d18.minusDays(1)));
        List<SourceRecord> first = memoryTask(at(2026, 11, 19, 12, 0), stored, sites).poll();
        // 'bb lib' 09:00 and 09:15 (sent unhealthy) acknowledged, then a kill.
        Map<Map<String, ?>, Map<String, ?>> committed = new HashMap<>(WorkerOffsets.committed(first, 0, 1));
        assertThat(committed.get(SourceOffsets.PARTITION).get("resume_site")).isEqualTo("bb lib");

        // The answer changed: 'aa lib' is there now, and 'bb lib' 09:15 is healthy.
        answers = (day, site) -> new DayResult.Rows(day, List.of(row(day, "aa lib", "09:00", 5, true),
                row(day, "bb lib", "09:00", 1, true), row(day, "bb lib", "09:15", 3, true),
                row(day, "cc lib", "09:00", 1, true), row(day, "cc lib", "09:15", 1, true)), 1);
        List<SourceRecord> resumed = memoryTask(at(2026, 11, 19, 12, 0), committed, sites).poll();

        assertThat(resumed).extracting(r -> (String) r.key()).containsExactly("aa lib|1|2026-11-18T09:00:00",
                "cc lib|1|2026-11-18T09:00:00", "cc lib|1|2026-11-18T09:15:00");
        RecoveryMemory remembered = new RecoveryMemory();
        remembered.restoreAll(resumed.get(2).sourceOffset().get(RecoveryMemory.ALL_KEY).toString());
        assertThat(remembered.describe()).as("what was sent unhealthy stays to recover, whatever the answer says now")
                .containsExactly("'bb lib' 2026-11-18: 1 unhealthy increment(s)");
    }

    @Test
    void aDayWithAnEmptyAnswerStoresWhatItLeavesToRecover() throws Exception {
        Map<String, String> sites = Map.of(DropInConfig.SITES_CONFIG, "aa lib,bb lib");
        answers = (day, site) -> new DayResult.Rows(day, List.of(), 1);
        Map<Map<String, ?>, Map<String, ?>> stored = new HashMap<>();
        stored.put(SourceOffsets.PARTITION, SourceOffsets.offset(LocalDate.parse("2026-11-17")));
        ShopperTrakSourceTask task = memoryTask(at(2026, 11, 19, 12, 0), stored, sites);

        assertThat(task.poll()).isNull();

        Map<String, ?> main = task.progress().takeDayWithoutRecords().orElseThrow().get(SourceOffsets.PARTITION);
        assertThat(SourceOffsets.lastPollDate(main)).isEqualTo(LocalDate.parse("2026-11-18"));
        RecoveryMemory remembered = new RecoveryMemory();
        remembered.restoreAll(main.get(RecoveryMemory.ALL_KEY).toString());
        assertThat(remembered.describe()).containsExactly("'aa lib' 2026-11-18: missing", "'bb lib' 2026-11-18: missing");
    }

    @Test
    void theDailyCallBudgetStopsRecoveryBeforeItIsSpentAndSurvivesARestart() throws Exception {
        for (String site : List.of("aa lib", "bb lib", "cc lib", "dd lib")) {
            ledger.unhealthy.add(new SiteDay(site, D16));
        }
        Map<String, String> budget = Map.of(DropInConfig.DAILY_CALL_LIMIT_CONFIG, "3",
                SourceConfig.MAX_RETRIES_CONFIG, "2");
        ShopperTrakSourceTask task = task(at(2026, 11, 19, 12, 0), budget, RecordGeneration.FIRST);

        drain(task);

        // every call of the limit is spent, none more
        assertThat(asked).containsExactly("aa lib 2026-11-16", "bb lib 2026-11-16", "cc lib 2026-11-16");
        assertThat(task.progress().totals().recovery().siteDaysLeft()).isEqualTo(1);
        assertThat(task.progress().totals().recoveryFailure()).as("the limit is no failure").isEmpty();
        assertThat(task.progress().totals().callsToday()).contains("3 ShopperTrak call(s) on 2026-11-19 of a daily budget of 3");

        asked.clear();
        ShopperTrakSourceTask restarted = new ShopperTrakSourceTask((config, sleeper) ->
                services(RecordGeneration.FIRST).withRecovery(ledger, List.of()), clock(at(2026, 11, 19, 13, 0)));
        restarted.initialize(mapContext(Map.of(SourceOffsets.PARTITION, SourceOffsets.offset(LocalDate.parse(
                "2026-11-18")), Map.of("shoppertrak_calls", "per_day"), Map.of("day", "2026-11-19", "calls", 3))));
        restarted.start(ShopperTrakSourceTaskTest.props("2026-01-01", budget));
        drain(restarted);
        assertThat(asked).as("3 calls were already spent today").isEmpty();
    }

    @Test
    void theDailyPollStopsBeforeTheCallThatCouldPassTheDailyLimit() throws Exception {
        ledger.unhealthy.add(new SiteDay("aa lib", D16));
        // MAX_RETRIES stays at its default of 3: a request asks before each call, it keeps nothing back.
        ShopperTrakSourceTask task = task(at(2026, 11, 23, 12, 0), Map.of(DropInConfig.DAILY_CALL_LIMIT_CONFIG, "3"),
                RecordGeneration.FIRST);

        try (LogCapture logs = LogCapture.start()) {
            drain(task);
            assertThat(task.poll()).as("waits for the next New York day").isNull();

            assertThat(logs.text()).containsOnlyOnce("Daily call limit reached").contains("1 day(s) through 2026-11-22");
        }
        assertThat(asked).as("four new days, a limit of 3: the fourth and recovery wait")
                .containsExactly("* 2026-11-19", "* 2026-11-20", "* 2026-11-21");
        assertThat(task.progress().status()).isEqualTo(PollProgress.Status.CAUGHT_UP);
        assertThat(task.progress().totals().lastEmitted()).isEqualTo(LocalDate.parse("2026-11-21"));
        assertThat(task.progress().totals().daysLeft()).isEqualTo(1);
        assertThat(task.progress().totals().recoveryFailure()).isEmpty();
        assertThat(task.progress().totals().callsToday()).contains("3 ShopperTrak call(s) on 2026-11-23")
                .contains("of a daily budget of 3");
    }

    @Test
    void aLimitBelowMaxRetriesStillPollsUpToItAndALimitOfZeroIsNoLimit() throws Exception {
        ShopperTrakSourceTask limited = task(at(2026, 11, 23, 12, 0), Map.of(DropInConfig.DAILY_CALL_LIMIT_CONFIG, "2",
                SourceConfig.MAX_RETRIES_CONFIG, "3"), RecordGeneration.FIRST);
        drain(limited);
        assertThat(asked).as("a limit of 2 makes 2 calls, whatever MAX_RETRIES")
                .containsExactly("* 2026-11-19", "* 2026-11-20");
        assertThat(limited.progress().totals().daysLeft()).isEqualTo(2);

        asked.clear();
        ShopperTrakSourceTask unlimited = task(at(2026, 11, 23, 12, 0), Map.of(DropInConfig.DAILY_CALL_LIMIT_CONFIG,
                "0", SourceConfig.MAX_RETRIES_CONFIG, "3"), RecordGeneration.FIRST);
        drain(unlimited);
        assertThat(asked).containsExactly("* 2026-11-19", "* 2026-11-20", "* 2026-11-21", "* 2026-11-22");
        assertThat(unlimited.progress().totals().daysLeft()).isZero();
    }

    @Test
    void anErrorAnswerOnTheDailyPollStillRecoversTheDaysBeforeIt() throws Exception {
        ledger.unhealthy.add(new SiteDay("aa lib", D17));
        answers = (day, site) -> site.equals("*") ? new DayResult.Failed(day, "unknown error code E999", 1, true)
                : rows(day, site, row(day, site, "09:00", 1, true));
        ShopperTrakSourceTask task = task(at(2026, 11, 21, 12, 0), Map.of(), RecordGeneration.FIRST);

        List<SourceRecord> recovered = drain(task);

        assertThat(asked).containsExactly("* 2026-11-19", "aa lib 2026-11-17");
        assertThat(recovered).hasSize(1).allSatisfy(r -> assertThat(SourceOffsets.lastPollDate(r.sourceOffset()))
                .as("the offset stays").isEqualTo(STORED));
        assertThat(task.progress().status()).as("the run still ends with exit 1")
                .isEqualTo(PollProgress.Status.WAITING_AFTER_FAILURE);
        assertThat(task.progress().lastFailure()).get().satisfies(f -> assertThat(f.reason()).contains("E999"));
        assertThat(task.progress().totals().lastEmitted()).isEqualTo(STORED);
    }

    @Test
    void recoveryAfterAFailedDailyPollKeepsThePositionInsideThatDay() throws Exception {
        ledger.unhealthy.add(new SiteDay("aa lib", D17));
        answers = (day, site) -> site.equals("*") ? new DayResult.Failed(day, "unknown error code E999", 1, true)
                : rows(day, site, row(day, site, "09:00", 1, true));
        // A stop left 2026-11-19 delivered up to 'bb lib' 09:15: a restart must resume after it.
        Map<String, Object> position = new DayPosition(LocalDate.parse("2026-11-19"), "bb lib", 1,
                "2026-11-19T09:15:00", 0).offset();
        ShopperTrakSourceTask task = new ShopperTrakSourceTask((config, sleeper) -> services(RecordGeneration.FIRST)
                .withRecovery(ledger, List.of()), clock(at(2026, 11, 21, 12, 0)));
        task.initialize(ShopperTrakSourceTaskTest.context(position));
        task.start(ShopperTrakSourceTaskTest.props("2026-01-01", Map.of()));

        List<SourceRecord> recovered = drain(task);

        assertThat(asked).containsExactly("* 2026-11-19", "aa lib 2026-11-17");
        assertThat(recovered).hasSize(1).allSatisfy(r -> {
            assertThat(DayPosition.of(r.sourceOffset())).as("the recovered record's offset keeps the position")
                    .contains(DayPosition.of(position).orElseThrow());
            assertThat(SourceOffsets.lastPollDate(r.sourceOffset())).isEqualTo(STORED);
        });
    }

    @Test
    void aPassRunEarlyAfterAFailedDailyPollStillCoversTomorrowWhatTodayDelivered() throws Exception {
        LocalDate d19 = LocalDate.parse("2026-11-19");
        LocalDate d20 = LocalDate.parse("2026-11-20");
        boolean[] fixed = {false};
        answers = (day, site) -> site.equals("*") && day.equals(d20) && !fixed[0]
                ? new DayResult.Failed(day, "unknown error code E999", 1, true)
                : rows(day, site, row(day, site, "09:00", 1, true));
        ShopperTrakSourceTaskTest.MutableClock clock = new ShopperTrakSourceTaskTest.MutableClock(
                at(2026, 11, 21, 12, 0).toInstant());
        ShopperTrakSourceTask task = new ShopperTrakSourceTask((config, sleeper) -> services(RecordGeneration.FIRST)
                .withRecovery(ledger, List.of()), clock);
        task.initialize(ShopperTrakSourceTaskTest.context(SourceOffsets.offset(STORED)));
        task.start(ShopperTrakSourceTaskTest.props("2026-01-01", Map.of()));

        drain(task); // 2026-11-19 delivered, 2026-11-20 fails: the early pass runs, then the failure
        assertThat(task.progress().status()).isEqualTo(PollProgress.Status.WAITING_AFTER_FAILURE);
        fixed[0] = true;
        clock.set(at(2026, 11, 21, 14, 0).toInstant());
        pollUntil(task, () -> task.progress().status() == PollProgress.Status.CAUGHT_UP);
        assertThat(task.progress().totals().lastEmitted()).isEqualTo(d20);

        assertThat(ledger.windows).as("the early pass: what was delivered before 2026-11-21's poll")
                .containsExactly("2026-10-22..2026-11-18");

        // The next New York day: 2026-11-20, delivered yesterday after the early pass, is in today's window.
        clock.set(at(2026, 11, 22, 12, 0).toInstant());
        pollUntil(task, () -> ledger.windows.size() > 1);

        assertThat(asked).contains("* 2026-11-21");
        assertThat(ledger.windows).containsExactly("2026-10-22..2026-11-18", "2026-10-23..2026-11-20");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failuresOfEveryRequest")
    void aDailyPollFailingForEveryRequestSkipsRecovery(String name, DayResult failure) throws Exception {
        ledger.unhealthy.add(new SiteDay("aa lib", D17));
        answers = (day, site) -> site.equals("*") ? failure : rows(day, site, row(day, site, "09:00", 1, true));
        ShopperTrakSourceTask task = task(at(2026, 11, 21, 12, 0), Map.of(), RecordGeneration.FIRST);

        drain(task);

        assertThat(asked).containsExactly("* 2026-11-19");
        assertThat(task.progress().status()).isEqualTo(PollProgress.Status.WAITING_AFTER_FAILURE);
    }

    @Test
    void staleRowsWaitForEveryRecordOfTheirBatchAcknowledgedInAnyOrder() throws Exception {
        List<SourceRecord> recovered = recoverThreeRowsReplacingSevenAndEight();

        task.commitRecord(recovered.get(2), Acks.ACKED);
        task.commit();
        assertThat(ledger.staleCalls).as("the last record acknowledged first stands not for its batch").isEmpty();
        task.commitRecord(recovered.get(0), Acks.ACKED);
        task.commitRecord(recovered.get(2), Acks.ACKED);
        task.commit();
        assertThat(ledger.staleCalls).as("a repeated acknowledgement counts once").isEmpty();

        task.commitRecord(recovered.get(1), Acks.ACKED);
        task.commit();

        assertThat(ledger.staleCalls).hasSize(1);
        assertThat(ledger.staleCalls.get(0)).containsExactlyInAnyOrder(7L, 8L);
        task.commit();
        assertThat(ledger.staleCalls).hasSize(1);
    }

    @Test
    void aRecordTheWorkerDroppedKeepsTheRowsItsBatchWouldReplaceFresh() throws Exception {
        List<SourceRecord> recovered = recoverThreeRowsReplacingSevenAndEight();

        // errors.tolerance=all skipped a failed send, or a filter dropped the record: no metadata.
        task.commitRecord(recovered.get(1), null);
        task.commitRecord(recovered.get(0), Acks.ACKED);
        task.commitRecord(recovered.get(2), Acks.ACKED);
        task.commit();

        assertThat(ledger.staleCalls).isEmpty();
    }

    @Test
    void aFailedUpdateKeepsTheRowsLogsOnceAndTheNextCommitMarksThem() throws Exception {
        List<SourceRecord> recovered = recoverThreeRowsReplacingSevenAndEight();
        recovered.forEach(r -> task.commitRecord(r, Acks.ACKED));
        ledger.failuresLeft = 1;

        try (LogCapture logs = LogCapture.start()) {
            task.commit();
            assertThat(ledger.staleCalls).isEmpty();
            task.commit();

            assertThat(logs.text()).containsOnlyOnce("Could not mark 2 warehouse row(s) stale (connection refused)")
                    .contains("retried at the next commit");
        }
        assertThat(ledger.staleCalls).hasSize(1);
        assertThat(ledger.staleCalls.get(0)).containsExactlyInAnyOrder(7L, 8L);
        assertThat(task.progress().totals().recovery().rowsMarkedStale()).isEqualTo(2);
    }

    @Test
    void anAcknowledgementDoesNotWaitForAnUpdateUnderWay() throws Exception {
        List<SourceRecord> recovered = recoverThreeRowsReplacingSevenAndEight();
        recovered.forEach(r -> task.commitRecord(r, Acks.ACKED));
        ledger.marking = new CountDownLatch(1);
        ledger.release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> commit = threads.submit(() -> {
                task.commit();
                return null;
            });
            assertThat(ledger.marking.await(30, TimeUnit.SECONDS)).as("the UPDATE started").isTrue();

            // The producer's I/O thread acknowledges while the UPDATE waits for a slow table.
            Future<?> acknowledged = threads.submit(() -> task.commitRecord(recovered.get(0), Acks.ACKED));

            acknowledged.get(30, TimeUnit.SECONDS);
            ledger.release.countDown();
            commit.get(30, TimeUnit.SECONDS);
        } finally {
            ledger.release.countDown();
            threads.shutdownNow();
        }
        assertThat(ledger.staleCalls).hasSize(1);
    }

    private ShopperTrakSourceTask task;

    /** A pass over 'aa lib' 2026-11-17 sending 09:00 and 09:15 (stored unhealthy as rows 7 and 8) and 09:30. */
    private List<SourceRecord> recoverThreeRowsReplacingSevenAndEight() throws InterruptedException {
        ledger.unhealthy.add(new SiteDay("aa lib", D17));
        ledger.fresh.put(key("aa lib", D17, "09:00"), new StoredVisit(7, false, 0, 0));
        ledger.fresh.put(key("aa lib", D17, "09:15"), new StoredVisit(8, false, 0, 0));
        answers = (day, site) -> rows(day, site, row(day, site, "09:00", 5, true), row(day, site, "09:15", 6, true),
                row(day, site, "09:30", 7, true));
        task = task(at(2026, 11, 19, 12, 0), Map.of(), RecordGeneration.FIRST);
        List<SourceRecord> recovered = drain(task);
        assertThat(recovered).hasSize(3);
        return recovered;
    }

    private ShopperTrakSourceTask memoryTask(ZonedDateTime now, Map<Map<String, ?>, Map<String, ?>> committed,
                                             Map<String, String> extra) {
        ShopperTrakSourceTask task = new ShopperTrakSourceTask((config, sleeper) -> services(RecordGeneration.FIRST)
                .withSites(config.sites()), clock(now));
        task.initialize(mapContext(committed));
        task.start(ShopperTrakSourceTaskTest.props("2026-01-01", extra));
        return task;
    }

    /** What a worker commits once every record is acknowledged: each partition's last offset. */
    private static void commitAll(List<SourceRecord> records, Map<Map<String, ?>, Map<String, ?>> committed) {
        for (SourceRecord r : records) {
            committed.put(r.sourcePartition(), r.sourceOffset());
        }
    }

    private static org.apache.kafka.connect.source.SourceTaskContext mapContext(
            Map<? extends Map<String, ?>, ? extends Map<String, ?>> committed) {
        return TaskContexts.of(committed);
    }

    /** Polls until {@code done} holds, at most 10 times (a caught-up task waits up to a second a poll). */
    private static void pollUntil(ShopperTrakSourceTask task, java.util.function.BooleanSupplier done)
            throws InterruptedException {
        for (int i = 0; i < 10 && !done.getAsBoolean(); i++) {
            task.poll();
        }
    }

    private List<SourceRecord> drain(ShopperTrakSourceTask task) throws InterruptedException {
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

    private ShopperTrakSourceTask task(ZonedDateTime now, Map<String, String> extra, RecordGeneration generation) {
        ShopperTrakSourceTask task = new ShopperTrakSourceTask((config, sleeper) -> services(generation)
                .withRecovery(ledger, List.of()), clock(now));
        task.initialize(ShopperTrakSourceTaskTest.context(SourceOffsets.offset(STORED)));
        task.start(ShopperTrakSourceTaskTest.props("2026-01-01", extra));
        return task;
    }

    private ShopperTrakSourceTask taskWithoutLedger(ZonedDateTime now, Map<String, String> extra) {
        ShopperTrakSourceTask task = new ShopperTrakSourceTask((config, sleeper) -> services(RecordGeneration.FIRST),
                clock(now));
        task.initialize(ShopperTrakSourceTaskTest.context(SourceOffsets.offset(STORED)));
        task.start(ShopperTrakSourceTaskTest.props("2026-01-01", extra));
        return task;
    }

    private SimpleServices services(RecordGeneration generation) {
        return SimpleServices.of(new ShopperTrakApi() {
            @Override
            public DayResult allSites(LocalDate day) {
                asked.add("* " + day);
                return answers.apply(day, "*");
            }

            @Override
            public DayResult site(LocalDate day, String siteId) {
                asked.add(siteId + " " + day);
                return answers.apply(day, siteId);
            }
        }).withGeneration(generation);
    }

    private static ZonedDateTime at(int y, int m, int d, int hour, int minute) {
        return ZonedDateTime.of(y, m, d, hour, minute, 0, 0, SourceConfig.ZONE);
    }

    private static Clock clock(ZonedDateTime now) {
        return Clock.fixed(now.toInstant(), ZoneOffset.UTC);
    }

    private static TrafficRow row(LocalDate day, String site, String time, int count, boolean healthy) {
        return new TrafficRow(site, 1, day + "T" + time + ":00", count, count, healthy);
    }

    private static DayResult rows(LocalDate day, String site, TrafficRow... rows) {
        return new DayResult.Rows(day, List.of(rows), 1);
    }

    private static VisitKey key(String site, LocalDate day, String time) {
        return new VisitKey(site, 1, LocalDateTime.parse(day + "T" + time + ":00"));
    }

    private static final class FakeLedger implements RecoveryLedger {
        final List<SiteDay> unhealthy = new ArrayList<>();
        final Map<VisitKey, StoredVisit> fresh = new HashMap<>();
        final List<String> windows = new ArrayList<>();
        final List<List<Long>> staleCalls = new ArrayList<>();
        int failuresLeft;
        /** When set, markStale counts down {@code marking} and waits for {@code release}. */
        CountDownLatch marking;
        CountDownLatch release;

        @Override
        public List<SiteDay> unhealthySiteDays(LocalDate from, LocalDate to) {
            windows.add(from + ".." + to);
            return unhealthy;
        }

        @Override
        public Set<SiteDay> siteDaysWithRows(LocalDate from, LocalDate to) {
            return Set.of();
        }

        /** A site-day whose stored rows cannot be read (the warehouse fails), or null. */
        SiteDay unreadable;

        @Override
        public Map<VisitKey, StoredVisit> freshRows(SiteDay siteDay) {
            if (siteDay.equals(unreadable)) {
                throw new IllegalStateException("Warehouse query failed: connection reset");
            }
            return fresh;
        }

        @Override
        public int markStale(Collection<Long> ids) {
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new IllegalStateException("connection refused");
            }
            if (marking != null) {
                marking.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            staleCalls.add(List.copyOf(ids));
            return ids.size();
        }
    }
}
