package org.locationvisits.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationvisits.common.AwsClients;
import org.locationvisits.common.Sleeper;
import org.locationvisits.config.RunnerSettings;
import org.locationvisits.devstack.KinesisLocal;
import org.locationvisits.devstack.S3rver;
import org.locationvisits.kinesis.KinesisEntry;
import org.locationvisits.offsets.S3OffsetStore;
import org.locationvisits.recovery.RecoveryMemory;
import org.locationvisits.offsets.SourceOffsets;
import org.locationvisits.shoppertrak.ShopperTrakClient;
import org.locationvisits.shoppertrak.ShopperTrakSettings;
import org.locationvisits.shoppertrak.simulator.ShopperTrakSimulator;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import org.locationvisits.metrics.RunSummary;

/**
 * Recovery without a warehouse in the main job: the task's memory lives in the one state object, whose
 * {@code last_poll_date} stays the Python poller's key; nothing is written beside it. A run that dies while sending a recovered site-day loses nothing: the
 * next run sends it (at most once more), and a run after that asks for nothing.
 */
class MemoryRecoveryIntegrationTest {
    private static final String PASSWORD = "sim-Pa55-w0rd!";
    private static final String BUCKET = "memory";
    private static final LocalDate DAY = LocalDate.parse("2026-11-18");

    private static ShopperTrakSimulator simulator;
    private static KinesisLocal kinesis;
    private static S3rver s3rver;
    private static S3Client s3;

    @BeforeAll
    static void startStandIns() throws Exception {
        simulator = ShopperTrakSimulator.builder().sites(3).username("lib-user").password(PASSWORD)
                .lateCorrections(true).missingSites(List.of("ep 42nd st")).start();
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

    @Test
    void aCrashWhileSendingARecoveredSiteDayLosesNothing() {
        String state = "state-" + UUID.randomUUID() + ".json";
        s3.putObject(b -> b.bucket(BUCKET).key("sites.json"),
                RequestBody.fromString("[\"aa lib\", \"bronx lib\", \"ep 42nd st\"]"));
        String stream = "memory-" + UUID.randomUUID();
        String arn = kinesis.createStream(stream, 1);

        // Run 1 polls DAY: unhealthy increments are remembered, and 'ep 42nd st' is missing from the answer.
        RunSummary first = run(env(state, arn), "2026-11-19T17:00:00Z");
        assertThat(first.exitCode()).isZero();
        assertThat(new S3OffsetStore(s3, BUCKET, state).read()).contains(DAY);
        String memory = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(state)).asUtf8String();
        assertThat(memory).startsWith("{\"last_poll_date\":\"" + DAY + "\",")
                .contains("recovery_pending").contains("ep 42nd st");
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(state.replace(".json", ""))).contents())
                .as("nothing beside the state object").singleElement()
                .satisfies(o -> assertThat(o.key()).isEqualTo(state));

        // Every site-day is served now, so later answers carry the late correction whichever a run asks first.
        ShopperTrakClient client = new ShopperTrakClient(ShopperTrakSettings.defaults(simulator.baseUrl(),
                "lib-user", PASSWORD), Sleeper.SYSTEM);
        simulator.traffic().siteIds().forEach(site -> client.site(DAY, site));

        // Run 2, later that day: recovery starts, but the stream refuses the first recovered site-day.
        RunSummary crashed = run(env(state, arn.replace(stream, stream + "-gone")), "2026-11-19T18:00:00Z");
        assertThat(crashed.exitCode()).isEqualTo(1);
        // Nothing delivered, nothing forgotten; only the ShopperTrak calls recovery spent (the poll thread may have
        // asked for the next site-days too) are counted.
        assertThat(memory).contains("\"calls\":1,");
        String afterCrash = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(state)).asUtf8String();
        assertThat(afterCrash.replaceAll("\"calls\":\\d+,", "\"calls\":N,")).as("nothing delivered, nothing forgotten")
                .isEqualTo(memory.replace("\"calls\":1,", "\"calls\":N,"));
        assertThat(afterCrash).doesNotContain("\"calls\":1,");

        // Run 3 recovers every pending site-day; run 4 has nothing left to ask.
        int before = simulator.requestLog().count();
        RunSummary recovered = run(env(state, arn), "2026-11-19T19:00:00Z");
        assertThat(recovered.exitCode()).isZero();
        assertThat(recovered.recovery().siteDaysRequeried()).isEqualTo(3);
        assertThat(simulator.requestLog().count() - before).isEqualTo(3);
        List<KinesisEntry> sent = kinesis.readAll(stream);
        long missingRows = sent.stream().filter(e -> e.partitionKey().startsWith("ep 42nd st|")).count();
        assertThat(missingRows).isEqualTo(simulator.traffic().expectedRows(DAY, "ep 42nd st").size());

        before = simulator.requestLog().count();
        RunSummary again = run(env(state, arn), "2026-11-19T20:00:00Z");
        assertThat(again.exitCode()).isZero();
        assertThat(simulator.requestLog().count() - before).as("every pending site-day was forgotten").isZero();
        assertThat(new S3OffsetStore(s3, BUCKET, state).readAll().get(SourceOffsets.PARTITION))
                .containsEntry(RecoveryMemory.ALL_KEY, "{}");
    }

    private Map<String, String> env(String state, String stream) {
        Map<String, String> env = new HashMap<>();
        env.put("SHOPPERTRAK_API_BASE_URL", simulator.baseUrl());
        env.put("SHOPPERTRAK_USERNAME", "lib-user");
        env.put("SHOPPERTRAK_PASSWORD", PASSWORD);
        env.put("MAX_RETRIES", "1");
        env.put("S3_BUCKET", BUCKET);
        env.put("S3_RESOURCE", state);
        env.put("ALL_SITES_S3_BUCKET", BUCKET);
        env.put("ALL_SITES_S3_RESOURCE", "sites.json");
        env.put("KINESIS_STREAM_ARN", stream);
        env.put("LAST_POLL_DATE", DAY.minusDays(1).toString());
        return env;
    }

    private static RunSummary run(Map<String, String> env, String now) {
        return Wiring.runner(RunnerSettings.from(env), Wiring.Aws.of(s3, kinesis.client()),
                Clock.fixed(Instant.parse(now), ZoneOffset.UTC)).run();
    }
}
