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
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationvisits.common.AwsClients;
import org.locationvisits.config.RunnerSettings;
import org.locationvisits.devstack.KinesisLocal;
import org.locationvisits.devstack.S3rver;
import org.locationvisits.drift.DriftCounts;
import org.locationvisits.metrics.RunSummary;
import org.locationvisits.offsets.S3OffsetStore;
import org.locationvisits.offsets.SourceOffsets;
import org.locationvisits.shoppertrak.simulator.ShopperTrakSimulator;
import org.locationvisits.testsupport.LogCapture;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Site drift in the main job, run after run (each run a new task, as the daily job starts it): the simulator answers
 * with a site the all-sites list lacks ({@code Faults.extraSite}) and without a listed one; each is reported in one
 * WARN line on the day it is found, never again by a later run, and counted in the run's summary (the EMF line).
 */
class SiteDriftRunTest {
    private static final String PASSWORD = "sim-Pa55-w0rd!";
    private static final String BUCKET = "drift";
    private static final String EXTRA = "zz new lib";
    private static final String ABSENT = "ep 42nd st";

    private static ShopperTrakSimulator simulator;
    private static KinesisLocal kinesis;
    private static S3rver s3rver;
    private static S3Client s3;

    @BeforeAll
    static void startStandIns() throws Exception {
        simulator = ShopperTrakSimulator.builder().sites(3).username("lib-user").password(PASSWORD)
                .missingSites(List.of(ABSENT)).start();
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
    void noFaults() {
        simulator.faults().reset();
    }

    @Test
    void aNewAndAGoneSiteAreReportedOnceAcrossRunsAndCountedUntilTheListIsUpdated() {
        assertThat(simulator.traffic().siteIds()).contains(ABSENT).doesNotContain(EXTRA);
        putList(simulator.traffic().siteIds());
        simulator.faults().extraSite(EXTRA);
        Map<String, String> env = env(true);

        // Run 1 polls 16, 17 and 18 November: the extra site is new on the 16th; the listed one, absent from every
        // answer, is gone on the 18th, its third answer in a row.
        Run first = run(env, "2026-11-19T17:00:00Z");
        assertThat(first.summary.exitCode()).isZero();
        assertThat(first.drift()).containsExactly(
                "WARN Site drift on 2026-11-16: 1 new site(s) in ShopperTrak's answer but not in the all-sites list: "
                        + EXTRA + ". Update the all-sites list (ALL_SITES_S3_BUCKET/ALL_SITES_S3_RESOURCE; on a "
                        + "Connect worker shoppertrak.sites) to match ShopperTrak; each site is reported once",
                "WARN Site drift on 2026-11-18: 1 site(s) of the all-sites list gone (absent from 3 answers in a "
                        + "row): " + ABSENT + ". Update the all-sites list (ALL_SITES_S3_BUCKET/ALL_SITES_S3_RESOURCE;"
                        + " on a Connect worker shoppertrak.sites) to match ShopperTrak; each site is reported once");
        assertThat(first.summary.drift()).isEqualTo(new DriftCounts(1, 1));
        String document = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(env.get("S3_RESOURCE"))).asUtf8String();
        assertThat(document).startsWith("{\"last_poll_date\":\"2026-11-18\",").contains("\"site_drift\":{\"days\":[");

        // Run 2, a new task the next day: the same drift, not reported again, still counted.
        Run second = run(env, "2026-11-20T17:00:00Z");
        assertThat(second.summary.exitCode()).isZero();
        assertThat(second.summary.offset()).contains(LocalDate.parse("2026-11-19"));
        assertThat(second.drift()).isEmpty();
        assertThat(second.summary.drift()).isEqualTo(new DriftCounts(1, 1));

        // The list is updated as the line says: nothing drifts any more.
        putList(List.of("aa lib", "bronx lib", EXTRA));
        Run third = run(env, "2026-11-21T17:00:00Z");
        assertThat(third.drift()).isEmpty();
        assertThat(third.summary.drift()).isEqualTo(DriftCounts.NONE);
    }

    @Test
    void withoutAListASiteNotInTheLastDaysAnswersIsNew() {
        Map<String, String> env = env(false);
        Run first = run(env, "2026-11-17T17:00:00Z");
        assertThat(first.drift()).as("the first day has nothing to compare with").isEmpty();

        simulator.faults().extraSite(EXTRA);
        Run second = run(env, "2026-11-18T17:00:00Z");

        assertThat(second.drift()).singleElement().asString().startsWith("WARN Site drift on 2026-11-17 (no "
                + "all-sites list: compared with the sites of the last 7 days' answers): 1 new site(s) in "
                + "ShopperTrak's answer but not in the last days' answers: " + EXTRA + ".");
        assertThat(second.summary.drift()).isEqualTo(new DriftCounts(1, 0));
        assertThat(new S3OffsetStore(s3, BUCKET, env.get("S3_RESOURCE")).readAll().get(SourceOffsets.PARTITION))
                .containsKey(SourceOffsets.DRIFT_KEY);
    }

    private record Run(RunSummary summary, List<String> warnings) {
        List<String> drift() {
            return warnings.stream().filter(line -> line.contains("Site drift")).toList();
        }
    }

    private static void putList(List<String> sites) {
        s3.putObject(b -> b.bucket(BUCKET).key("sites.json"), RequestBody.fromString(sites.stream()
                .map(s -> "\"" + s + "\"").collect(java.util.stream.Collectors.joining(", ", "[", "]"))));
    }

    private Map<String, String> env(boolean withList) {
        Map<String, String> env = new HashMap<>();
        env.put("SHOPPERTRAK_API_BASE_URL", simulator.baseUrl());
        env.put("SHOPPERTRAK_USERNAME", "lib-user");
        env.put("SHOPPERTRAK_PASSWORD", PASSWORD);
        env.put("MAX_RETRIES", "1");
        env.put("S3_BUCKET", BUCKET);
        env.put("S3_RESOURCE", "state-" + UUID.randomUUID() + ".json");
        if (withList) {
            env.put("ALL_SITES_S3_BUCKET", BUCKET);
            env.put("ALL_SITES_S3_RESOURCE", "sites.json");
        }
        String stream = "drift-" + UUID.randomUUID();
        env.put("KINESIS_STREAM_ARN", kinesis.createStream(stream, 1));
        env.put("LAST_POLL_DATE", "2026-11-15");
        return env;
    }

    private static Run run(Map<String, String> env, String now) {
        Supplier<RunSummary> run = () -> Wiring.runner(RunnerSettings.from(env), Wiring.Aws.of(s3, kinesis.client()),
                Clock.fixed(Instant.parse(now), ZoneOffset.UTC)).run();
        try (LogCapture logs = LogCapture.start()) {
            RunSummary summary = run.get();
            return new Run(summary, logs.warningsAndErrors());
        }
    }
}
