package org.locationvisits.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationvisits.shoppertrak.DayResult;
import org.locationvisits.testsupport.TaskContexts;
import org.locationvisits.shoppertrak.TrafficRow;
import org.locationvisits.offsets.SourceOffsets;
import org.locationvisits.shoppertrak.DayFailure;

class ShopperTrakSourceTaskTest {
    /** 2024-03-28 10:00 in New York: yesterday is 2024-03-27. */
    private static final Clock CLOCK = Clock.fixed(
            ZonedDateTime.of(2024, 3, 28, 10, 0, 0, 0, SourceConfig.ZONE).toInstant(), ZoneOffset.UTC);

    private final List<LocalDate> asked = new ArrayList<>();

    @Test
    void pollsEachDayAfterTheStoredOffsetThroughYesterday() throws Exception {
        ShopperTrakSourceTask task = task(day -> rows(day, 3), "2024-03-25", Map.of());

        List<SourceRecord> first = task.poll();
        List<SourceRecord> second = task.poll();
        List<SourceRecord> third = task.poll();

        assertThat(asked).containsExactly(LocalDate.parse("2024-03-26"), LocalDate.parse("2024-03-27"));
        assertThat(first).hasSize(3);
        assertThat(second).hasSize(3);
        assertThat(third).isNull();
        assertThat(task.progress().status()).isEqualTo(PollProgress.Status.CAUGHT_UP);
    }

    @Test
    void everyRecordOfADayIsOfTheMainPartitionAndOnlyTheLastCarriesTheDay() throws Exception {
        ShopperTrakSourceTask task = task(day -> rows(day, 3), "2024-03-25", Map.of());

        List<SourceRecord> records = task.poll();

        // A worker commits each partition's longest acknowledged prefix on its own: a record of another partition
        // would let the day's offset be committed while that record is still unacknowledged.
        assertThat(records).allSatisfy(r -> {
            assertThat(r.sourcePartition()).isEqualTo(Map.of("shoppertrak_endpoint", "allsites"));
            assertThat(r.sourceOffset()).containsKeys("recovery_pending", "calls_day", "calls");
        });
        assertThat(new java.util.HashMap<String, Object>(records.get(2).sourceOffset()))
                .containsEntry("last_poll_date", "2024-03-26").doesNotContainKey("resume_day");
        assertThat(records.subList(0, 2)).allSatisfy(r -> assertThat(new java.util.HashMap<String, Object>(
                r.sourceOffset())).containsEntry("last_poll_date", "2024-03-25").containsEntry("resume_day", "2024-03-26"));
    }

    @Test
    void recordsCarryKeyAndLocationVisitsValue() throws Exception {
        ShopperTrakSourceTask task = task(day -> rows(day, 1), "2024-03-25", Map.of());

        SourceRecord record = task.poll().get(0);

        assertThat(record.topic()).isEqualTo("LocationVisits");
        assertThat(record.key()).isEqualTo("aa lib|1|2024-03-26T00:00:00");
        Struct value = (Struct) record.value();
        assertThat(value.getString("shoppertrak_site_id")).isEqualTo("aa lib");
        assertThat(value.getString("poll_date")).isEqualTo("2024-03-28");
        assertThat(value.getBoolean("is_recovery_data")).isFalse();
    }

    @Test
    void storedOffsetWinsOverTheInitialDate() throws Exception {
        ShopperTrakSourceTask task = task(day -> rows(day, 1), "2024-03-20",
                Map.of("last_poll_date", "2024-03-26"), Map.of());

        task.poll();

        assertThat(asked).containsExactly(LocalDate.parse("2024-03-27"));
    }

    @Test
    void failedDayEmitsNothingAndIsRetriedNotSkipped() throws Exception {
        List<DayResult> answers = new ArrayList<>(List.of(
                new DayResult.Failed(LocalDate.parse("2024-03-26"), "malformed XML", 1)));
        ShopperTrakSourceTask task = task(day -> answers.isEmpty() ? rows(day, 2) : answers.remove(0),
                "2024-03-25", Map.of(SourceConfig.FAILED_DAY_RETRY_CONFIG, "0"));

        assertThat(task.poll()).isNull();
        assertThat(task.progress().status()).isEqualTo(PollProgress.Status.WAITING_AFTER_FAILURE);
        assertThat(task.progress().lastFailure()).get().extracting(DayFailure::reason).isEqualTo("malformed XML");

        assertThat(task.poll()).hasSize(2);
        assertThat(asked).containsExactly(LocalDate.parse("2024-03-26"), LocalDate.parse("2024-03-26"));
    }

    @Test
    void aRequestOurOwnStopCancelledIsNotAFailureOfTheDay() throws Exception {
        ShopperTrakSourceTask task = task(day -> DayResult.Failed.stopped(day,
                "ShopperTrak client was stopped while fetching allsites", 1), "2024-03-25", Map.of());

        try (org.locationvisits.testsupport.LogCapture logs = org.locationvisits.testsupport.LogCapture.start()) {
            assertThat(task.poll()).isNull();
            assertThat(logs.warningsAndErrors()).isEmpty();
        }
        assertThat(task.progress().status()).isEqualTo(PollProgress.Status.WORKING);
        assertThat(task.progress().lastFailure()).isEmpty();
        assertThat(task.progress().totals().lastEmitted()).isEqualTo(LocalDate.parse("2024-03-25"));
    }

    @Test
    void quotaExceededWaitsForTheNextPollTime() throws Exception {
        ShopperTrakSourceTask task = task(day -> new DayResult.QuotaExceeded(day, 1), "2024-03-25", Map.of());

        assertThat(task.poll()).isNull();

        assertThat(task.progress().lastFailure()).get().satisfies(f -> assertThat(f.waitForNextPollTime()).isTrue());
    }

    @Test
    void wrongCredentialsFailTheTask() throws Exception {
        ShopperTrakSourceTask task = task(day -> new DayResult.BadCredentials(day, 401, 1), "2024-03-25", Map.of());

        assertThatThrownBy(task::poll).isInstanceOf(ConnectException.class)
                .hasMessageContaining("SHOPPERTRAK_PASSWORD");
    }

    @Test
    void endDateStopsBeforeYesterday() throws Exception {
        ShopperTrakSourceTask task = task(day -> rows(day, 1), "2024-03-20",
                Map.of(SourceConfig.END_DATE_CONFIG, "2024-03-21"));

        task.poll();
        assertThat(task.poll()).isNull();

        assertThat(asked).containsExactly(LocalDate.parse("2024-03-21"));
        assertThat(task.progress().status()).isEqualTo(PollProgress.Status.CAUGHT_UP);
    }

    @Test
    void caughtUpTaskPollsTheNewDayAtPollTimeNextMorning() throws Exception {
        MutableClock clock = new MutableClock(CLOCK.instant());
        ShopperTrakSourceTask task = new ShopperTrakSourceTask(clock, (config, sleeper) -> day -> {
            asked.add(day);
            return rows(day, 1);
        });
        task.initialize(context(Map.of()));
        task.start(props("2024-03-27", Map.of(SourceConfig.POLL_TIME_CONFIG, "06:00")));

        assertThat(task.poll()).isNull();
        clock.set(ZonedDateTime.of(2024, 3, 29, 5, 59, 0, 0, SourceConfig.ZONE).toInstant());
        assertThat(task.poll()).isNull();
        clock.set(ZonedDateTime.of(2024, 3, 29, 6, 0, 0, 0, SourceConfig.ZONE).toInstant());
        List<SourceRecord> records = task.poll();

        assertThat(asked).containsExactly(LocalDate.parse("2024-03-28"));
        assertThat(records).singleElement().extracting(r -> SourceOffsets.lastPollDate(r.sourceOffset()))
                .isEqualTo(LocalDate.parse("2024-03-28"));
    }

    /** A clock tests move by hand; poll() waits at most 1 s of real time per call. */
    static final class MutableClock extends Clock {
        private volatile java.time.Instant now;

        MutableClock(java.time.Instant now) {
            this.now = now;
        }

        void set(java.time.Instant instant) {
            now = instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    @Test
    void noOffsetAndNoInitialDateIsAClearStartError() {
        ShopperTrakSourceTask task = new ShopperTrakSourceTask(CLOCK, (config, sleeper) -> day -> rows(day, 1));
        task.initialize(context(Map.of()));
        Map<String, String> props = props("", Map.of());

        assertThatThrownBy(() -> task.start(props)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("LAST_POLL_DATE");
    }

    @Test
    void stopDuringTheWaitForTheNextPollTimeEndsThatWait() throws Exception {
        ShopperTrakSourceTask task = task(day -> new DayResult.QuotaExceeded(day, 1), "2024-03-25", Map.of());
        task.poll(); // quota: the task now waits for tomorrow's poll time, one bounded wait per poll()
        CompletableFuture<Object> waiting = pollOnAnotherThread(task);
        awaitTimedWaiting(pollThread);

        task.stop();

        // Had stop() not woken the wait, the wait would run out and poll() return null (nothing to do yet).
        assertThat(waiting.handle((records, error) -> error).join())
                .isInstanceOf(java.util.concurrent.CompletionException.class)
                .hasCauseInstanceOf(InterruptedException.class);
    }

    @Test
    void stopDuringABusyRetryWaitInsideTheFetchEndsPoll() throws Exception {
        CountDownLatch fetching = new CountDownLatch(1);
        List<Boolean> fetchCompleted = new java.util.concurrent.CopyOnWriteArrayList<>();
        ShopperTrakSourceTask task = new ShopperTrakSourceTask(CLOCK, (config, sleeper) -> day -> {
            fetching.countDown();
            try {
                sleeper.sleep(Duration.ofSeconds(5)); // RETRY_DELAY_SECONDS after "server busy"
            } catch (InterruptedException e) {
                throw new IllegalStateException("fetch stopped", e);
            }
            fetchCompleted.add(true);
            return rows(day, 1);
        });
        task.initialize(context(Map.of()));
        task.start(props("2024-03-25", Map.of()));
        CompletableFuture<Object> polling = pollOnAnotherThread(task);
        fetching.await();
        awaitTimedWaiting(pollThread);

        task.stop();

        // Had stop() not woken the sleeper, the fetch would complete after its wait and poll() return the day.
        assertThat(polling.handle((records, error) -> error).join()).hasRootCauseMessage("task is stopping");
        assertThat(fetchCompleted).isEmpty();
    }

    private volatile Thread pollThread;

    private CompletableFuture<Object> pollOnAnotherThread(ShopperTrakSourceTask task) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        pollThread = new Thread(() -> {
            try {
                result.complete(task.poll());
            } catch (Throwable e) {
                result.completeExceptionally(new java.util.concurrent.CompletionException(e));
            }
        }, "test-poll");
        pollThread.setDaemon(true);
        pollThread.start();
        return result;
    }

    /** Until the poll thread is parked in its timed wait: stop() then lands inside the wait, not before it. */
    private static void awaitTimedWaiting(Thread thread) {
        while (thread.getState() != Thread.State.TIMED_WAITING) {
            assertThat(thread.isAlive()).as("poll thread still running").isTrue();
            Thread.onSpinWait();
        }
    }

    /** Evening in New York is already tomorrow in UTC: the day polled and poll_date follow New York. */
    @ParameterizedTest(name = "{0} New York: polls through {1}, poll_date {2}")
    @CsvSource({
            "2024-03-28T20:30, 2024-03-27, 2024-03-28",
            "2024-03-28T23:59, 2024-03-27, 2024-03-28",
            "2024-03-29T00:00, 2024-03-28, 2024-03-29",
            // DST starts 2026-03-08 02:00 (UTC-5 -> UTC-4) and ends 2026-11-01 02:00 (UTC-4 -> UTC-5).
            "2026-03-08T00:30, 2026-03-07, 2026-03-08",
            "2026-03-08T03:30, 2026-03-07, 2026-03-08",
            "2026-03-08T20:30, 2026-03-07, 2026-03-08",
            "2026-03-08T23:59, 2026-03-07, 2026-03-08",
            "2026-11-01T01:30, 2026-10-31, 2026-11-01",
            "2026-11-01T19:30, 2026-10-31, 2026-11-01",
            "2026-11-01T23:59, 2026-10-31, 2026-11-01"})
    void pollsThroughYesterdayInNewYorkAndStampsTheNewYorkDate(String newYorkTime, String lastDay, String pollDate)
            throws Exception {
        java.time.Instant at = java.time.LocalDateTime.parse(newYorkTime).atZone(SourceConfig.ZONE).toInstant();
        ShopperTrakSourceTask task = new ShopperTrakSourceTask(Clock.fixed(at, ZoneOffset.UTC), (config, sleeper) ->
                day -> {
                    asked.add(day);
                    return rows(day, 1);
                });
        task.initialize(context(Map.of()));
        LocalDate last = LocalDate.parse(lastDay);
        // The once mode's rule (yesterday whenever it runs): waiting for POLL_TIME is tested on its own.
        task.start(props(last.minusDays(1).toString(), Map.of(SourceConfig.POLL_TIME_WAIT_CONFIG, "false")));

        List<SourceRecord> records = task.poll();
        List<SourceRecord> more = task.poll();

        assertThat(asked).containsExactly(last);
        assertThat(more).isNull();
        assertThat(records).singleElement().satisfies(r ->
                assertThat(((Struct) r.value()).getString("poll_date")).isEqualTo(pollDate));
    }

    private ShopperTrakSourceTask task(Function<LocalDate, DayResult> answers, String initial, Map<String, String> extra) {
        return task(answers, initial, null, extra);
    }

    private ShopperTrakSourceTask task(Function<LocalDate, DayResult> answers, String initial,
                                       Map<String, ?> storedOffset, Map<String, String> extra) {
        ShopperTrakSourceTask task = new ShopperTrakSourceTask(CLOCK, (config, sleeper) -> day -> {
            asked.add(day);
            return answers.apply(day);
        });
        task.initialize(context(storedOffset == null ? Map.of() : storedOffset));
        task.start(props(initial, extra));
        return task;
    }

    static Map<String, String> props(String initial, Map<String, String> extra) {
        Map<String, String> props = new HashMap<>();
        props.put(SourceConfig.BASE_URL_CONFIG, "http://127.0.0.1:1/service/");
        props.put(SourceConfig.USERNAME_CONFIG, "user");
        props.put(SourceConfig.PASSWORD_CONFIG, "secret");
        props.put(SourceConfig.INITIAL_DATE_CONFIG, initial);
        props.putAll(extra);
        return props;
    }

    private static DayResult rows(LocalDate day, int count) {
        List<TrafficRow> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new TrafficRow("aa lib", 1, day + "T0" + i + ":00:00", 4, 3, true));
        }
        return new DayResult.Rows(day, rows, 1);
    }

    static SourceTaskContext context(Map<String, ?> stored) {
        return TaskContexts.of(stored.isEmpty() ? Map.of() : Map.of(SourceOffsets.PARTITION, stored));
    }
}
