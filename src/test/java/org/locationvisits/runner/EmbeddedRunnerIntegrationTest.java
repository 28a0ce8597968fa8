package org.locationvisits.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationvisits.avro.LocationVisitsEncoder;
import org.locationvisits.avro.LocationVisitsSchemas;
import org.locationvisits.cli.AvroJson;
import org.locationvisits.cli.FetchCommand;
import org.locationvisits.common.AwsClients;
import org.locationvisits.common.Sleeper;
import org.locationvisits.config.ConfigurationException;
import org.locationvisits.config.RunnerSettings;
import org.locationvisits.devstack.KinesisLocal;
import org.locationvisits.devstack.S3rver;
import org.locationvisits.kinesis.KinesisEntry;
import org.locationvisits.kinesis.fake.LimitsFaithfulKinesis;
import org.locationvisits.offsets.OffsetStore;
import org.locationvisits.offsets.S3OffsetStore;
import org.locationvisits.shoppertrak.DayResult;
import org.locationvisits.shoppertrak.ShopperTrakApi;
import org.locationvisits.source.SimpleServices;
import org.locationvisits.offsets.SourceOffsets;
import org.locationvisits.shoppertrak.ShopperTrakClient;
import org.locationvisits.shoppertrak.ShopperTrakSettings;
import org.locationvisits.shoppertrak.simulator.ShopperTrakSimulator;
import org.locationvisits.source.ShopperTrakSourceTask;
import org.locationvisits.source.SourceConfig;
import org.locationvisits.testsupport.LogCapture;
import org.locationvisits.testsupport.S3ConflictStub;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import org.locationvisits.metrics.RunSummary;

/**
 * The main job end to end: the simulator, a real kinesis-local and a real s3rver over HTTP.
 * Stand-ins start once for the class; every test uses its own stream and state object.
 */
class EmbeddedRunnerIntegrationTest {
    private static final String PASSWORD = "sim-Pa55-w0rd!";
    private static final String BUCKET = "poller-state";
    private static final LocalDate START = LocalDate.parse("2024-03-24");
    /** The runner's clock: 2024-03-29 10:00 in New York, so every run's poll_date is 2024-03-29. */
    private static final Instant NOW = ZonedDateTime.of(2024, 3, 29, 10, 0, 0, 0, SourceConfig.ZONE).toInstant();
    private static final String POLL_DATE = "2024-03-29";

    private static ShopperTrakSimulator simulator;
    private static KinesisLocal kinesis;
    private static S3rver s3rver;
    private static S3Client s3;

    private final String key = "state-" + UUID.randomUUID() + ".json";
    /** The stream's ARN, as KINESIS_STREAM_ARN holds it in production. */
    private String stream;
    private String streamName;

    @BeforeAll
    static void startStandIns() throws Exception {
        simulator = ShopperTrakSimulator.builder().sites(3).username("lib-user").password(PASSWORD).start();
        kinesis = KinesisLocal.start();
        s3rver = S3rver.start();
        s3rver.createBucket(BUCKET);
        s3 = AwsClients.s3("us-east-1", s3rver.endpoint(), S3rver.ACCESS_KEY_ID, S3rver.SECRET_ACCESS_KEY);
    }

    @AfterAll
    static void stopStandIns() {
        s3.close();
        s3rver.close();
        kinesis.close();
        simulator.close();
    }

    @AfterEach
    void resetSimulator() {
        simulator.faults().reset();
        simulator.requestLog().clear();
    }

    @Test
    void deliversEveryDayOfARangeExactlyAsFetchPrintsIt() {
        newStream("multi", 2);

        RunSummary summary = run(env("2024-03-27"));

        assertThat(summary.exitCode()).isZero();
        assertThat(summary.daysDelivered()).isEqualTo(3);
        assertThat(storedOffset()).isEqualTo("2024-03-27");
        assertThat(simulator.requestLog().count()).isEqualTo(3);
        List<KinesisEntry> arrived = kinesis.readAll(streamName);
        assertThat(asJsonLines(arrived)).containsExactlyInAnyOrderElementsOf(fetchOutput(START.plusDays(1),
                START.plusDays(2), START.plusDays(3)));
        assertThat(arrived).allSatisfy(entry -> assertThat(entry.partitionKey()).matches(".+\\|\\d+\\|2024-03-2\\dT.+"));
    }

    @Test
    void restartResumesAfterTheStoredDayAndAsksForNothingTwice() {
        newStream("restart", 1);
        run(env("2024-03-26"));
        simulator.requestLog().clear();

        RunSummary again = run(env("2024-03-26"));
        assertThat(again.exitCode()).isZero();
        // No day again; only recovery, whose memory of increments sent unhealthy is kept in the state object.
        assertThat(simulator.requestLog().requests()).noneMatch(r -> r.endpoint().equals("allsites"));
        assertThat(simulator.requestLog().count()).isEqualTo(again.recovery().apiCalls());
        simulator.requestLog().clear();

        RunSummary next = run(env("2024-03-27"));
        assertThat(next.daysDelivered()).isEqualTo(1);
        assertThat(simulator.requestLog().requests()).filteredOn(r -> r.endpoint().equals("allsites"))
                .extracting(r -> r.date()).containsExactly(LocalDate.parse("2024-03-27"));
        assertThat(storedOffset()).isEqualTo("2024-03-27");
    }

    @Test
    void busyOnceThenSuccessDeliversTheDay() {
        newStream("busy", 1);
        simulator.faults().busy(1);

        RunSummary summary = run(env("2024-03-25"));

        assertThat(summary.exitCode()).isZero();
        assertThat(simulator.requestLog().count()).isEqualTo(2);
        assertThat(storedOffset()).isEqualTo("2024-03-25");
    }

    @Test
    void busyExhaustedStopsWithTheOffsetUnmoved() {
        newStream("busyx", 1);
        seedOffset(START);
        simulator.faults().busy(100);

        RunSummary summary = run(env("2024-03-27"));

        assertThat(summary.exitCode()).isEqualTo(RunSummary.EXIT_STOPPED_EARLY);
        assertThat(summary.stoppedBecause()).get().asString().contains("2024-03-25").contains("busy");
        assertThat(simulator.requestLog().count()).isEqualTo(2);
        assertThat(storedOffset()).isEqualTo("2024-03-24");
        assertThat(kinesis.readAll(streamName)).isEmpty();
    }

    @Test
    void quotaExceededInTheMiddleStopsAfterTheLastDeliveredDay() {
        newStream("quota", 1);
        simulator.faults().quotaAfter(2);

        RunSummary summary = run(env("2024-03-28"));

        assertThat(summary.exitCode()).isEqualTo(RunSummary.EXIT_STOPPED_EARLY);
        assertThat(summary.stoppedBecause()).get().asString().contains("2024-03-27").contains("E107");
        assertThat(storedOffset()).isEqualTo("2024-03-26");
        simulator.faults().reset();
        assertThat(asJsonLines(kinesis.readAll(streamName)))
                .containsExactlyInAnyOrderElementsOf(fetchOutput(START.plusDays(1), START.plusDays(2)));
    }

    @Test
    void offsetStaysWhenKinesisRefusesDeliveryForGood() {
        seedOffset(START);
        Map<String, String> env = env("2024-03-26");
        env.put("KINESIS_STREAM_ARN", "never-created-" + UUID.randomUUID());

        RunSummary summary = run(env);

        assertThat(summary.exitCode()).isEqualTo(RunSummary.EXIT_STOPPED_EARLY);
        assertThat(summary.stoppedBecause()).get().asString().contains("2024-03-25");
        assertThat(simulator.requestLog().datesRequested()).contains(LocalDate.parse("2024-03-25"));
        assertThat(storedOffset()).isEqualTo("2024-03-24");
    }

    @Test
    void dateMismatchEmitsNothingOfTheDay() {
        newStream("mismatch", 1);
        seedOffset(START);
        simulator.faults().dateMismatch(true);

        RunSummary summary = run(env("2024-03-26"));

        assertThat(summary.exitCode()).isEqualTo(RunSummary.EXIT_STOPPED_EARLY);
        assertThat(summary.stoppedBecause()).get().asString().contains("2024-03-25");
        assertThat(storedOffset()).isEqualTo("2024-03-24");
        assertThat(kinesis.readAll(streamName)).isEmpty();
    }

    @Test
    void malformedXmlEmitsNothingOfTheDay() {
        newStream("malformed", 1);
        seedOffset(START);
        simulator.faults().malformed(true);

        RunSummary summary = run(env("2024-03-26"));

        assertThat(summary.exitCode()).isEqualTo(RunSummary.EXIT_STOPPED_EARLY);
        assertThat(storedOffset()).isEqualTo("2024-03-24");
        assertThat(kinesis.readAll(streamName)).isEmpty();
    }

    @Test
    void dryRunSendsNothingAndNeverMovesTheStoredOffset() {
        newStream("dry", 1);
        seedOffset(START);
        Map<String, String> env = env("2024-03-26");
        env.put("IGNORE_KINESIS", "true");

        RunSummary summary = run(env);

        assertThat(summary.exitCode()).isZero();
        assertThat(summary.rowsDelivered()).isPositive();
        assertThat(storedOffset()).isEqualTo("2024-03-24");
        assertThat(kinesis.readAll(streamName)).isEmpty();
    }

    @Test
    void boundedReplayWithIgnoreCacheLeavesTheStoredOffsetAlone() {
        newStream("replay", 1);
        seedOffset(LocalDate.parse("2024-03-27"));
        Map<String, String> env = env("2024-03-25");
        env.put("IGNORE_CACHE", "true");

        RunSummary summary = run(env);

        assertThat(summary.daysDelivered()).isEqualTo(1);
        assertThat(simulator.requestLog().datesRequested()).containsExactly(LocalDate.parse("2024-03-25"));
        assertThat(storedOffset()).isEqualTo("2024-03-27");
    }

    @Test
    void continuousModeCatchesUpThenWaitsUntilStopped() throws Exception {
        newStream("continuous", 1);
        Map<String, String> env = env("2024-03-26");
        env.put("RUN_MODE", "continuous");
        CountDownLatch lastDayStored = new CountDownLatch(1);
        Semaphore clockReads = new Semaphore(0);
        Clock counting = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                clockReads.release();
                return NOW;
            }
        };
        EmbeddedRunner runner = runner(env, kinesis.client(), s3, counting, offsets -> new OffsetStore() {
            @Override
            public Map<Map<String, Object>, Map<String, Object>> readAll() {
                return offsets.readAll();
            }

            @Override
            public void writeAll(Map<Map<String, Object>, Map<String, Object>> all) {
                offsets.writeAll(all);
                if ("2024-03-26".equals(all.get(SourceOffsets.PARTITION).get(SourceOffsets.OFFSET_KEY))) {
                    lastDayStored.countDown();
                }
            }

            @Override
            public void write(LocalDate day) {
                throw new AssertionError("the runner writes everything at once");
            }
        });
        CompletableFuture<RunSummary> running = CompletableFuture.supplyAsync(runner::run);

        lastDayStored.await();
        clockReads.drainPermits();
        // Caught up, the task keeps polling (each poll asks the clock) instead of ending the run.
        while (!clockReads.tryAcquire(3, 100, TimeUnit.MILLISECONDS)) {
            assertThat(running).isNotDone();
        }
        assertThat(running).isNotDone();
        runner.requestStop();

        RunSummary summary = running.join();
        assertThat(summary.exitCode()).isZero();
        assertThat(summary.daysDelivered()).isEqualTo(2);
        assertThat(simulator.requestLog().count()).isEqualTo(2);
        assertThat(storedOffset()).isEqualTo("2024-03-26");
    }

    @Test
    void partialPutRecordsFailuresAndThrottlingLoseNothing() {
        try (LimitsFaithfulKinesis fake = LimitsFaithfulKinesis.start("limits", 1)) {
            // 10 %: far above what Kinesis does, and an entry failing all 8 attempts stays negligible (1e-8).
            fake.failEntriesWithInternalFailure(0.1);
            fake.throttleNextCalls(2);
            Map<String, String> env = env("2024-03-26");
            env.put("KINESIS_STREAM_ARN", fake.streamArn());
            env.put("KINESIS_BATCH_SIZE", "100");

            RunSummary summary = run(env, fake.client());

            assertThat(summary.exitCode()).isZero();
            List<KinesisEntry> stored = fake.records().stream()
                    .map(r -> new KinesisEntry(r.partitionKey(), r.data())).collect(Collectors.toList());
            assertThat(asJsonLines(stored))
                    .containsExactlyInAnyOrderElementsOf(fetchOutput(START.plusDays(1), START.plusDays(2)));
            assertThat(fake.stats().internalFailures()).isPositive();
            assertThat(storedOffset()).isEqualTo("2024-03-26");
        }
    }

    @Test
    void conditionalWriteConflictStopsTheRunWithAClearMessage() {
        newStream("conflict", 1);
        try (S3ConflictStub stub = S3ConflictStub.start(BUCKET, key);
             S3Client stubClient = AwsClients.s3("us-east-1", stub.endpoint(), "id", "secret")) {
            stub.object("{\"last_poll_date\": \"2024-03-24\"}", "\"etag-1\"");

            RunSummary summary = run(env("2024-03-26"), kinesis.client(), stubClient);

            assertThat(summary.exitCode()).isEqualTo(RunSummary.EXIT_STOPPED_EARLY);
            assertThat(summary.stoppedBecause()).get().asString().contains("Another runner");
            assertThat(stub.puts()).first().satisfies(headers ->
                    assertThat(headers).containsEntry("if-match", "\"etag-1\""));
            assertThat(summary.offset()).contains(START);
        }
    }

    @Test
    void thePasswordNeverAppearsInLogsErrorsOrRecords() {
        newStream("secret", 1);
        try (LogCapture logs = LogCapture.start()) {
            run(env("2024-03-25"));
            Map<String, String> wrong = env("2024-03-26");
            wrong.put("SHOPPERTRAK_PASSWORD", PASSWORD + "-wrong");
            RunSummary refused = run(wrong);
            Map<String, String> invalid = env("2024-03-26");
            invalid.put("MAX_RETRIES", "none");
            String configError = "";
            try {
                RunnerSettings.from(invalid);
            } catch (ConfigurationException e) {
                configError = e.getMessage();
            }

            // What goes on the wire: the Basic auth header value, for the right and the wrong password.
            String[] basic = {basicAuth("lib-user", PASSWORD), basicAuth("lib-user", PASSWORD + "-wrong")};
            assertThat(refused.stoppedBecause()).get().asString().contains("SHOPPERTRAK_PASSWORD")
                    .doesNotContain(PASSWORD).doesNotContain(basic);
            assertThat(logs.text()).contains("Delivered 2024-03-25").doesNotContain(PASSWORD).doesNotContain(basic);
            assertThat(configError).contains("MAX_RETRIES").doesNotContain(PASSWORD).doesNotContain(basic);
            assertThat(kinesis.readAll(streamName)).allSatisfy(entry ->
                    assertThat(new String(entry.data(), StandardCharsets.ISO_8859_1)).doesNotContain(PASSWORD)
                            .doesNotContain(basic));
        }
    }

    /** The value part of the Authorization header, without "Basic ", so a log of either part is caught. */
    private static String basicAuth(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private void newStream(String prefix, int shards) {
        streamName = prefix + "-" + UUID.randomUUID();
        stream = kinesis.createStream(streamName, shards);
    }

    private Map<String, String> env(String endDate) {
        Map<String, String> env = new HashMap<>();
        env.put("SHOPPERTRAK_API_BASE_URL", simulator.baseUrl());
        env.put("SHOPPERTRAK_USERNAME", "lib-user");
        env.put("SHOPPERTRAK_PASSWORD", PASSWORD);
        env.put("MAX_RETRIES", "2");
        env.put("RETRY_DELAY_SECONDS", "0");
        env.put("S3_BUCKET", BUCKET);
        env.put("S3_RESOURCE", key);
        env.put("KINESIS_STREAM_ARN", stream == null ? "unused" : stream);
        env.put("LAST_POLL_DATE", START.toString());
        env.put("LAST_END_DATE", endDate);
        return env;
    }

    private RunSummary run(Map<String, String> env) {
        return run(env, kinesis.client(), s3);
    }

    private RunSummary run(Map<String, String> env, KinesisClient kinesisClient) {
        return run(env, kinesisClient, s3);
    }

    private RunSummary run(Map<String, String> env, KinesisClient kinesisClient, S3Client s3Client) {
        return runner(env, kinesisClient, s3Client).run();
    }

    private EmbeddedRunner runner(Map<String, String> env, KinesisClient kinesisClient, S3Client s3Client) {
        return runner(env, kinesisClient, s3Client, Clock.fixed(NOW, ZoneOffset.UTC), offsets -> offsets);
    }

    /** As {@link Wiring#runner}, but on the given clock and with the offset store passed through {@code store}. */
    private EmbeddedRunner runner(Map<String, String> env, KinesisClient kinesisClient, S3Client s3Client,
                                  Clock clock, UnaryOperator<OffsetStore> store) {
        RunnerSettings settings = RunnerSettings.from(env);
        Wiring.Aws aws = Wiring.Aws.of(s3Client, kinesisClient);
        // Both endpoints: recovery's memory is kept in the state object, so a later run re-queries site-days.
        EmbeddedRunner.TaskFactory task = progress -> new ShopperTrakSourceTask((config, sleeper) -> {
            ShopperTrakClient client = new ShopperTrakClient(config.shopperTrak(), sleeper);
            return SimpleServices.of(new ShopperTrakApi() {
                @Override
                public DayResult allSites(LocalDate day) {
                    return client.allSites(day);
                }

                @Override
                public DayResult site(LocalDate day, String siteId) {
                    return client.site(day, siteId);
                }
            });
        }, clock, progress);
        return RunnerFixtures.runner(task, settings.connectorProps(), store.apply(Wiring.offsets(settings, aws)),
                Wiring.destination(settings, aws), settings.ignoreKinesis(), settings.continuous()).build();
    }

    private void seedOffset(LocalDate date) {
        s3.putObject(b -> b.bucket(BUCKET).key(key),
                RequestBody.fromString("{\"last_poll_date\": \"" + date + "\"}"));
    }

    private String storedOffset() {
        return new S3OffsetStore(s3, BUCKET, key).read().map(LocalDate::toString).orElse("none");
    }

    private static List<String> asJsonLines(List<KinesisEntry> entries) {
        AvroJson json = new AvroJson(LocationVisitsSchemas.bundled());
        List<String> lines = new ArrayList<>();
        for (KinesisEntry entry : entries) {
            StringBuilder line = new StringBuilder();
            json.append(entry.data(), line);
            lines.add(line.toString());
        }
        return lines;
    }

    /** What {@code fetch --date D} prints for each day. */
    private static List<String> fetchOutput(LocalDate... days) {
        ShopperTrakClient client = new ShopperTrakClient(
                ShopperTrakSettings.defaults(simulator.baseUrl(), "lib-user", PASSWORD), Sleeper.SYSTEM);
        LocationVisitsEncoder encoder = new LocationVisitsEncoder(LocationVisitsSchemas.bundled());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            for (LocalDate day : days) {
                DayResult.Rows rows = (DayResult.Rows) client.allSites(day);
                FetchCommand.print(rows.rows(), POLL_DATE, encoder, print);
            }
        }
        simulator.requestLog().clear();
        return out.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList());
    }
}
