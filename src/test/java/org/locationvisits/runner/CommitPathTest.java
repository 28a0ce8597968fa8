package org.locationvisits.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.locationvisits.runner.RunnerFixtures.encoder;
import static org.locationvisits.runner.RunnerFixtures.props;
import static org.locationvisits.runner.RunnerFixtures.task;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.locationvisits.avro.LocationVisitsSchemas;
import org.locationvisits.kinesis.KinesisDeliveryException;
import org.locationvisits.kinesis.KinesisEntry;
import org.locationvisits.offsets.MemoryOffsetStore;
import org.locationvisits.shoppertrak.DayResult;
import org.locationvisits.shoppertrak.TrafficRow;
import org.locationvisits.avro.RecordGeneration;
import org.locationvisits.calendar.LocationCalendar;
import org.locationvisits.datalake.DataLakeArchive;
import org.locationvisits.recovery.RecoveryLedger;
import org.locationvisits.shoppertrak.ShopperTrakApi;
import org.locationvisits.source.DropInConfig;
import org.locationvisits.source.ServicesFactory;
import org.locationvisits.source.ShopperTrakSourceTask;
import org.locationvisits.source.SourceServices;
import org.locationvisits.offsets.SourceOffsets;
import org.locationvisits.metrics.RunSummary;

/** Every durable effect of the main job goes through one path, in day order, only after delivery. */
class CommitPathTest {
    /** RunnerFixtures.CLOCK: yesterday in New York is 2024-03-27. */
    private static final LocalDate START = LocalDate.parse("2024-03-22");

    @Test
    void aStopAfterASkippedBadDayNeverStoresADayFetchedButNotDelivered() throws Exception {
        LocalDate bad = START.plusDays(1);
        LocalDate delivered = START.plusDays(2);
        LocalDate fetchedAhead = START.plusDays(3);
        CountDownLatch aheadFetched = new CountDownLatch(1);
        MemoryOffsetStore offsets = new MemoryOffsetStore(START);
        Map<String, String> props = props(START, START.plusDays(5));
        props.put(DropInConfig.BAD_POLL_DATES_CONFIG, bad.toString());
        AtomicInteger pieces = new AtomicInteger();
        EmbeddedRunner[] runner = new EmbeddedRunner[1];
        runner[0] = RunnerFixtures.runner(task(day -> {
            if (day.equals(fetchedAhead)) {
                aheadFetched.countDown();
            }
            return day.equals(bad) ? new DayResult.Failed(day, "ShopperTrak answered unexpected error E999", 1, true)
                    : grid(day, 1, 1, 2);
        }), props, offsets, entries -> {
            if (!entries.isEmpty() && pieces.incrementAndGet() == 1) {
                // The poll thread has the next day in hand when the stop (SIGTERM) comes.
                await(aheadFetched);
                runner[0].requestStop();
            }
        }, false, false).build();

        RunSummary summary = runner[0].run();

        assertThat(pieces.get()).isEqualTo(1);
        assertThat(offsets.read()).contains(delivered);
        assertThat(summary.offset()).contains(delivered);
    }

    @Test
    void aListedBadDayMovesTheOffsetOnlyOnceTheDaysBeforeItAreDelivered() {
        LocalDate bad = START.plusDays(2);
        MemoryOffsetStore offsets = new MemoryOffsetStore(START);
        Map<String, String> props = props(START, START.plusDays(3));
        props.put(DropInConfig.BAD_POLL_DATES_CONFIG, bad.toString());
        EmbeddedRunner runner = RunnerFixtures.runner(task(day -> day.equals(bad)
                ? new DayResult.BusyExhausted(day, "E108", 3) : grid(day, 1, 1, 2)), props, offsets, entries -> {
                    throw new KinesisDeliveryException("Kinesis refused 2 of 2 records", entries.size(),
                            entries.size(), null);
                }, false, false).build();

        RunSummary summary = runner.run();

        assertThat(summary.exitCode()).isEqualTo(RunSummary.EXIT_STOPPED_EARLY);
        assertThat(offsets.read()).contains(START);
    }

    @Test
    void aStoredOffsetAfterYesterdayStopsTheRunWithExitTwoBeforeAnyShopperTrakCall() {
        LocalDate future = LocalDate.parse("2030-01-01");
        List<LocalDate> asked = new CopyOnWriteArrayList<>();
        MemoryOffsetStore offsets = new MemoryOffsetStore(future);
        EmbeddedRunner runner = RunnerFixtures.runner(task(day -> {
            asked.add(day);
            return grid(day, 1, 1, 1);
        }), props(START, START.plusDays(1)), offsets, entries -> { }, false, false)
                .clock(RunnerFixtures.CLOCK).build();

        RunSummary summary = runner.run();

        assertThat(summary.exitCode()).isEqualTo(RunSummary.EXIT_CONFIGURATION);
        assertThat(summary.stoppedBecause()).get().asString().contains("2030-01-01").contains("2024-03-27")
                .contains("offsets set");
        assertThat(asked).isEmpty();
        assertThat(offsets.read()).contains(future);
    }

    @Test
    void anUnreadableRecoveryMemoryStopsTheRunWithExitTwoBeforeAnyShopperTrakCall() {
        List<LocalDate> asked = new CopyOnWriteArrayList<>();
        MemoryOffsetStore offsets = new MemoryOffsetStore(START);
        Map<String, Object> main = new java.util.LinkedHashMap<>(SourceOffsets.offset(START));
        main.put("recovery_pending", "{\"2024-03-20\": not json");
        offsets.writeAll(Map.of(Map.copyOf(SourceOffsets.PARTITION), main));
        EmbeddedRunner runner = RunnerFixtures.runner(task(day -> {
            asked.add(day);
            return grid(day, 1, 1, 1);
        }), props(START, START.plusDays(1)), offsets, entries -> { }, false, false)
                .clock(RunnerFixtures.CLOCK).build();

        RunSummary summary = runner.run();

        assertThat(summary.exitCode()).isEqualTo(RunSummary.EXIT_CONFIGURATION);
        assertThat(summary.stoppedBecause()).get().asString().contains("recovery_pending").contains("offsets set");
        assertThat(asked).isEmpty();
    }

    @Test
    void yesterdayInNewYorkIsAStoredOffsetThatCanBeRight() {
        // 2024-03-28 02:30 UTC is still 2024-03-27 in New York: 2024-03-27 would be "today" there, not yesterday.
        java.time.Clock lateEvening = java.time.Clock.fixed(java.time.Instant.parse("2024-03-28T02:30:00Z"),
                java.time.ZoneOffset.UTC);
        MemoryOffsetStore offsets = new MemoryOffsetStore(LocalDate.parse("2024-03-27"));
        EmbeddedRunner runner = RunnerFixtures.runner(task(day -> grid(day, 1, 1, 1)), props(START, START.plusDays(1)), offsets, entries -> { }, false, false)
                .clock(lateEvening).build();

        assertThat(runner.run().exitCode()).isEqualTo(RunSummary.EXIT_CONFIGURATION);
    }

    @Test
    void aRunStoppedInsideADayResumesAfterItsLastDeliveredPiece() {
        LocalDate day = START.plusDays(1);
        MemoryOffsetStore offsets = new MemoryOffsetStore(START);
        List<String> sent = new ArrayList<>();
        AtomicInteger pieces = new AtomicInteger();
        Destination failsOnThirdPiece = entries -> {
            if (pieces.incrementAndGet() == 3) {
                throw new KinesisDeliveryException("connection reset", entries.size(), entries.size(), null);
            }
            entries.forEach(e -> sent.add(keyOf(e)));
        };
        RunSummary first = runner(offsets, d -> grid(d, 3, 2, 4), failsOnThirdPiece).run();

        assertThat(first.exitCode()).isEqualTo(RunSummary.EXIT_STOPPED_EARLY);
        assertThat(sent).hasSize(8);
        assertThat(offsets.read()).contains(START);
        assertThat(offsets.readAll().get(SourceOffsets.PARTITION)).containsEntry("resume_day", day.toString());

        // The answer lists the same rows in another order: the rest is found by key, not by position.
        List<String> resent = new ArrayList<>();
        RunSummary second = runner(offsets, d -> shuffled(grid(d, 3, 2, 4)), entries -> entries.forEach(e ->
                resent.add(keyOf(e)))).run();

        assertThat(second.exitCode()).isZero();
        assertThat(resent).hasSize(24 - 8).doesNotContainAnyElementsOf(sent);
        List<String> all = new ArrayList<>(sent);
        all.addAll(resent);
        assertThat(all).doesNotHaveDuplicates().hasSize(24);
        assertThat(offsets.readAll().get(SourceOffsets.PARTITION))
                .containsEntry(SourceOffsets.OFFSET_KEY, START.plusDays(1).toString()).doesNotContainKey("resume_day");
    }

    @Test
    void theRepeatedHourOfTheFallBackDayIsResumedByOccurrence() {
        LocalDate fallBack = LocalDate.parse("2023-11-05");
        MemoryOffsetStore offsets = new MemoryOffsetStore(fallBack.minusDays(1));
        // 01:00 to 01:45 come twice; the first piece ends between the two 01:15 rows. (The first two records of a
        // day carry the recovery memory and the call count instead of a position, so the piece is longer.)
        List<TrafficRow> rows = new ArrayList<>();
        for (String time : List.of("00:45", "01:00", "01:00", "01:15", "01:15")) {
            rows.add(new TrafficRow("aa lib", 1, fallBack + "T" + time + ":00", rows.size(), 0, true));
        }
        Function<LocalDate, DayResult> answer = d -> new DayResult.Rows(d, rows, 1);
        List<Integer> sent = new ArrayList<>();
        AtomicInteger pieces = new AtomicInteger();
        runner(offsets, answer, entries -> {
            if (pieces.incrementAndGet() == 2) {
                throw new KinesisDeliveryException("connection reset", 1, 1, null);
            }
            entries.forEach(e -> sent.add(entersOf(e)));
        }, fallBack, 4).run();
        runner(offsets, answer, entries -> entries.forEach(e -> sent.add(entersOf(e))), fallBack, 4).run();

        assertThat(sent).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void callsThatBroughtNoRecordAreStoredWithTheOffset() {
        MemoryOffsetStore offsets = new MemoryOffsetStore(START);
        RunSummary summary = RunnerFixtures.runner(task(day -> day.equals(START.plusDays(1)) ? grid(day, 1, 1, 2)
                        : new DayResult.Failed(day, "ShopperTrak request for allsites failed 3 time(s)", 3)),
                props(START, START.plusDays(2)), offsets, entries -> { }, false, false).build().run();

        assertThat(summary.exitCode()).isEqualTo(RunSummary.EXIT_STOPPED_EARLY);
        Map<String, Object> main = offsets.readAll().get(SourceOffsets.PARTITION);
        assertThat(main).containsEntry("last_poll_date", START.plusDays(1).toString())
                .containsEntry("calls_day", "2024-03-28").containsEntry("calls", 4);
    }

    @Test
    void aStopWhileADaysPollIsStillUnderWayStoresTheCallsItSpent() throws Exception {
        CountDownLatch listing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // The day's call is spent; its poll then waits in the all-sites list (as it may in a slow data-lake copy).
        ServicesFactory services = (config, sleeper) -> new SourceServices() {
            @Override
            public ShopperTrakApi shopperTrak() {
                return ShopperTrakApi.allSitesOnly(day -> grid(day, 1, 1, 2));
            }

            @Override
            public RecordGeneration generation() {
                return RecordGeneration.FIRST;
            }

            @Override
            public LocationCalendar calendar() {
                return LocationCalendar.empty();
            }

            @Override
            public Optional<RecoveryLedger> ledger() {
                return Optional.empty();
            }

            @Override
            public List<String> allSites() {
                listing.countDown();
                await(release);
                return List.of();
            }

            @Override
            public Optional<DataLakeArchive> dataLake() {
                return Optional.empty();
            }
        };
        MemoryOffsetStore offsets = new MemoryOffsetStore(START);
        EmbeddedRunner runner = RunnerFixtures.runner(progress -> new ShopperTrakSourceTask(services,
                RunnerFixtures.CLOCK, progress), props(START, START.plusDays(2)), offsets, entries -> { }, false, false)
                .build();
        java.util.concurrent.ExecutorService running = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<RunSummary> run = running.submit(runner::run);
            assertThat(listing.await(10, TimeUnit.SECONDS)).isTrue();
            runner.requestStop();
            run.get(30, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            running.shutdownNow();
        }

        assertThat(offsets.readAll().get(SourceOffsets.PARTITION)).containsEntry("last_poll_date", START.toString())
                .containsEntry("calls_day", "2024-03-28").containsEntry("calls", 1);
    }

    @Test
    void aSlowStoreHoldsUpDeliveryOnceTooMuchWaitsUnwritten() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MemoryOffsetStore memory = new MemoryOffsetStore(START);
        org.locationvisits.offsets.OffsetStore slow = RunnerFixtures.beforeEachWrite(memory, state -> {
            writing.countDown();
            await(release);
        });
        org.apache.kafka.connect.source.SourceTask task = new org.apache.kafka.connect.source.SourceTask() {
            @Override
            public String version() {
                return "test";
            }

            @Override
            public void start(Map<String, String> props) {
            }

            @Override
            public List<org.apache.kafka.connect.source.SourceRecord> poll() {
                return null;
            }

            @Override
            public void stop() {
            }
        };
        List<org.apache.kafka.connect.source.SourceRecord> pieces = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pieces.add(new org.apache.kafka.connect.source.SourceRecord(SourceOffsets.PARTITION,
                    SourceOffsets.offset(START.plusDays(i + 1)), "t", null, null));
        }
        AtomicInteger returned = new AtomicInteger();
        try (CommitPath path = new CommitPath(slow, memory.readAll(), task, false, 2)) {
            Thread delivering = new Thread(() -> {
                try {
                    for (var piece : pieces) {
                        path.delivered(List.of(piece), Map.of(), null);
                        returned.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            delivering.start();
            await(writing);
            // A write is held; pieces pile up unwritten until the bound (2 records), then delivery waits.
            while (delivering.getState() != Thread.State.WAITING && delivering.isAlive()) {
                Thread.onSpinWait();
            }
            assertThat(delivering.isAlive()).as("delivery waits for the store").isTrue();
            assertThat(returned.get()).isBetween(1, 2);
            release.countDown();
            delivering.join();
            path.flush();
        }
        assertThat(returned.get()).isEqualTo(4);
        assertThat(memory.read()).contains(START.plusDays(4));
    }

    @Test
    void aDryRunStoresNothing() {
        AtomicInteger writes = new AtomicInteger();
        MemoryOffsetStore memory = new MemoryOffsetStore(START);
        org.locationvisits.offsets.OffsetStore offsets = RunnerFixtures.beforeEachWrite(memory,
                state -> writes.incrementAndGet());
        RunSummary summary = RunnerFixtures.runner(task(day -> grid(day, 2, 1, 2)), props(START, START.plusDays(2)), offsets, entries -> { }, true, false).build().run();

        assertThat(summary.exitCode()).isZero();
        assertThat(writes.get()).isZero();
        assertThat(offsets.readAll()).isEqualTo(new MemoryOffsetStore(START).readAll());
    }

    private static EmbeddedRunner runner(MemoryOffsetStore offsets, Function<LocalDate, DayResult> answers,
                                         Destination destination) {
        return runner(offsets, answers, destination, START.plusDays(1), 4);
    }

    private static EmbeddedRunner runner(MemoryOffsetStore offsets, Function<LocalDate, DayResult> answers,
                                         Destination destination, LocalDate last, int pieceSize) {
        LocalDate from = offsets.read().orElseThrow();
        return RunnerFixtures.runner(task(answers), props(from, last), offsets, destination, false, false)
                .pieceSize(pieceSize).build();
    }

    /** {@code sites} sites with {@code orbits} entrances, {@code increments} quarter hours each from 09:00. */
    static DayResult grid(LocalDate day, int sites, int orbits, int increments) {
        List<TrafficRow> rows = new ArrayList<>();
        for (int s = 0; s < sites; s++) {
            for (int o = 1; o <= orbits; o++) {
                for (int i = 0; i < increments; i++) {
                    String time = String.format("%02d:%02d:00", 9 + i / 4, (i % 4) * 15);
                    rows.add(new TrafficRow("s" + s + " lib", o, day + "T" + time, i, i, true));
                }
            }
        }
        return new DayResult.Rows(day, rows, 1);
    }

    private static DayResult shuffled(DayResult rows) {
        DayResult.Rows r = (DayResult.Rows) rows;
        List<TrafficRow> copy = new ArrayList<>(r.rows());
        Collections.shuffle(copy, new Random(7));
        return new DayResult.Rows(r.date(), copy, r.apiCalls());
    }

    private static GenericRecord decode(KinesisEntry entry) {
        try {
            var reader = new org.apache.avro.generic.GenericDatumReader<GenericRecord>(LocationVisitsSchemas.bundled());
            return reader.read(null, org.apache.avro.io.DecoderFactory.get().binaryDecoder(entry.data(), null));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String keyOf(KinesisEntry entry) {
        GenericRecord record = decode(entry);
        return record.get("shoppertrak_site_id") + "|" + record.get("orbit") + "|" + record.get("increment_start");
    }

    private static int entersOf(KinesisEntry entry) {
        return (Integer) decode(entry).get("enters");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).as("the next day was fetched").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
