package org.locationvisits.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.locationvisits.runner.RunnerFixtures.encoder;
import static org.locationvisits.runner.RunnerFixtures.props;
import static org.locationvisits.runner.RunnerFixtures.rows;
import static org.locationvisits.runner.RunnerFixtures.task;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.locationvisits.kinesis.KinesisDeliveryException;
import org.locationvisits.kinesis.KinesisEntry;
import org.locationvisits.kinesis.KinesisForwarder;
import org.locationvisits.kinesis.RetryPolicy;
import org.locationvisits.kinesis.fake.FakeTime;
import org.locationvisits.kinesis.fake.LimitsFaithfulKinesis;
import org.locationvisits.offsets.MemoryOffsetStore;
import org.locationvisits.offsets.OffsetStore;
import org.locationvisits.offsets.SourceOffsets;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import org.locationvisits.source.ShopperTrakSourceTask;
import org.locationvisits.metrics.RunSummary;

/** The runner's contract without stand-ins: deliver, then commit; every failure ends the run. */
class EmbeddedRunnerTest {
    private static final LocalDate START = LocalDate.parse("2024-03-24");
    private static final FakeTime FAKE_TIME = new FakeTime();

    @Test
    void offsetStaysWhenKinesisRefusesTheDayForGood() {
        MemoryOffsetStore offsets = new MemoryOffsetStore(START);
        List<LocalDate> delivered = new ArrayList<>();
        Destination refusesTheSecondDay = entries -> {
            if (!delivered.isEmpty()) {
                throw new KinesisDeliveryException("Kinesis refused 2 of 2 records: AccessDeniedException",
                        entries.size(), entries.size(), null);
            }
            delivered.add(dayOf(entries));
        };
        EmbeddedRunner runner = RunnerFixtures.runner(task(day -> rows(day, 2)), props(START, START.plusDays(3)), offsets, refusesTheSecondDay, false, false).build();

        RunSummary summary = runner.run();

        assertThat(delivered).containsExactly(START.plusDays(1));
        assertThat(offsets.read()).contains(START.plusDays(1));
        assertThat(summary.offset()).contains(START.plusDays(1));
        assertThat(summary.exitCode()).isEqualTo(RunSummary.EXIT_STOPPED_EARLY);
        assertThat(summary.stoppedBecause()).get().asString().contains("2024-03-26").contains("AccessDenied");
    }

    @Test
    void errorInThePollThreadStopsTheRunWithExitOneAndNamesIt() {
        EmbeddedRunner.TaskFactory broken = progress -> new ShopperTrakSourceTask(
                RunnerFixtures.services(day -> rows(day, 1)), RunnerFixtures.CLOCK, progress) {
            @Override
            public List<SourceRecord> poll() {
                throw new NoClassDefFoundError("org/locationvisits/Missing");
            }
        };
        MemoryOffsetStore offsets = new MemoryOffsetStore(START);
        EmbeddedRunner runner = RunnerFixtures.runner(broken, props(START, START.plusDays(2)), offsets, entries -> { }, false, false).build();

        RunSummary summary = runner.run();

        assertThat(summary.exitCode()).isEqualTo(RunSummary.EXIT_STOPPED_EARLY);
        assertThat(summary.stoppedBecause()).get().asString()
                .contains("NoClassDefFoundError").contains("org/locationvisits/Missing");
        assertThat(offsets.read()).contains(START);
    }

    @Test
    void overlappedDaysAreCommittedInOrderEachOnlyOnceAllItsRowsAreInTheStream() {
        try (LimitsFaithfulKinesis kinesis = LimitsFaithfulKinesis.start("visits", 4, FAKE_TIME)) {
            MemoryOffsetStore memory = new MemoryOffsetStore(START);
            List<String> writes = new ArrayList<>();
            OffsetStore offsets = new OffsetStore() {
                @Override
                public Map<Map<String, Object>, Map<String, Object>> readAll() {
                    return memory.readAll();
                }

                @Override
                public void writeAll(Map<Map<String, Object>, Map<String, Object>> all) {
                    LocalDate day = SourceOffsets.lastPollDate(all.get(SourceOffsets.PARTITION));
                    long rowsUpToDay = kinesis.records().stream()
                            .filter(r -> !dayOfKey(r.partitionKey()).isAfter(day)).count();
                    writes.add(day + ": " + rowsUpToDay);
                    memory.writeAll(all);
                }

                @Override
                public void write(LocalDate day) {
                    throw new AssertionError("the runner writes everything at once");
                }
            };
            KinesisForwarder forwarder = new KinesisForwarder(kinesis.client(), "visits", 20, RetryPolicy.DEFAULT,
                    FAKE_TIME, FAKE_TIME, new SplittableRandom(3));
            EmbeddedRunner runner = RunnerFixtures.runner(task(day -> rows(day, 40)), props(START, START.plusDays(3)), offsets, Destination.kinesis(forwarder), false, false).build();

            RunSummary summary = runner.run();

            assertThat(summary.exitCode()).isZero();
            // Days delivered while a write is under way are stored together by the next write; every write is
            // of a day whose rows, and those of every day before it, are all in the stream.
            List<String> allowed = List.of(START.plusDays(1) + ": 40", START.plusDays(2) + ": 80",
                    START.plusDays(3) + ": 120");
            assertThat(writes).isNotEmpty().isSubsetOf(allowed).doesNotHaveDuplicates();
            assertThat(writes.get(writes.size() - 1)).isEqualTo(START.plusDays(3) + ": 120");
            assertThat(writes).isSortedAccordingTo(java.util.Comparator.naturalOrder());
        }
    }

    @Test
    void aDayKinesisRefusesForGoodStopsTheOverlappedRunWithTheOffsetOnTheDayBefore() {
        LocalDate refused = START.plusDays(2);
        try (LimitsFaithfulKinesis kinesis = LimitsFaithfulKinesis.start("visits", 1, FAKE_TIME)) {
            KinesisClient refusing = hooked(kinesis.client(), request -> {
                if (request.records().stream().anyMatch(r -> dayOfKey(r.partitionKey()).equals(refused))) {
                    throw accessDenied();
                }
            });
            MemoryOffsetStore offsets = new MemoryOffsetStore(START);
            // One shard, one day's rows a call: day 1's call is back before day 2's starts.
            KinesisForwarder forwarder = new KinesisForwarder(refusing, "visits", 3, RetryPolicy.DEFAULT, FAKE_TIME,
                    FAKE_TIME, new SplittableRandom(3));
            EmbeddedRunner runner = RunnerFixtures.runner(task(day -> rows(day, 3)), props(START, START.plusDays(3)), offsets, Destination.kinesis(forwarder), false, false).build();

            RunSummary summary = runner.run();

            assertThat(offsets.read()).contains(START.plusDays(1));
            assertThat(summary.exitCode()).isEqualTo(RunSummary.EXIT_STOPPED_EARLY);
            assertThat(summary.stoppedBecause()).get().asString().contains(refused.toString())
                    .contains("AccessDeniedException");
            assertThat(kinesis.records()).extracting(r -> dayOfKey(r.partitionKey())).containsOnly(START.plusDays(1));
        }
    }

    @Test
    void aStopFinishesTheOldestDayUnderWayAndLeavesTheNextOneUncommitted() throws Exception {
        CountDownLatch firstDaySending = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<LocalDate> fetched = new CopyOnWriteArrayList<>();
        try (LimitsFaithfulKinesis kinesis = LimitsFaithfulKinesis.start("visits", 1, FAKE_TIME)) {
            KinesisClient holding = hooked(kinesis.client(), request -> {
                if (dayOfKey(request.records().get(0).partitionKey()).equals(START.plusDays(1))) {
                    firstDaySending.countDown();
                    awaitQuietly(release);
                }
            });
            MemoryOffsetStore offsets = new MemoryOffsetStore(START);
            KinesisForwarder forwarder = new KinesisForwarder(holding, "visits", 2, RetryPolicy.DEFAULT, FAKE_TIME,
                    FAKE_TIME, new SplittableRandom(3));
            EmbeddedRunner runner = RunnerFixtures.runner(task(day -> {
                fetched.add(day);
                return rows(day, 2);
            }), props(START, START.plusDays(3)), offsets, Destination.kinesis(forwarder), false, false).build();
            AtomicReference<RunSummary> summary = new AtomicReference<>();
            Thread main = new Thread(() -> summary.set(runner.run()), "test-main");
            main.start();
            firstDaySending.await();
            while (!fetched.contains(START.plusDays(2))) {
                Thread.onSpinWait(); // the next day is fetched, and taken while the first one's call is out
            }

            runner.requestStop();
            release.countDown();
            main.join();

            assertThat(summary.get().exitCode()).isEqualTo(RunSummary.EXIT_CAUGHT_UP);
            assertThat(summary.get().daysDelivered()).isEqualTo(1);
            assertThat(offsets.read()).contains(START.plusDays(1));
            assertThat(kinesis.records()).extracting(r -> dayOfKey(r.partitionKey())).containsOnly(START.plusDays(1));
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The fake's client with {@code hook} run before each PutRecords call (it may block or throw). */
    private static KinesisClient hooked(KinesisClient real, Consumer<PutRecordsRequest> hook) {
        return (KinesisClient) Proxy.newProxyInstance(KinesisClient.class.getClassLoader(),
                new Class<?>[] {KinesisClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("putRecords")) {
                        hook.accept((PutRecordsRequest) args[0]);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static KinesisException accessDenied() {
        return (KinesisException) KinesisException.builder().statusCode(400)
                .message("not authorized to perform: kinesis:PutRecords")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException")
                        .errorMessage("not authorized to perform: kinesis:PutRecords").build())
                .build();
    }

    private static LocalDate dayOfKey(String key) {
        return LocalDate.parse(key.substring(key.lastIndexOf('|') + 1, key.lastIndexOf('|') + 11));
    }

    private static LocalDate dayOf(List<KinesisEntry> entries) {
        String key = entries.get(0).partitionKey();
        return LocalDate.parse(key.substring(key.lastIndexOf('|') + 1, key.lastIndexOf('|') + 11));
    }
}
