package org.locationvisits.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationvisits.devstack.S3rver;
import org.locationvisits.offsets.S3OffsetStore;
import org.locationvisits.offsets.SourceOffsets;
import org.locationvisits.recovery.RecoveryMemory;
import org.locationvisits.runner.Wiring;
import org.locationvisits.shoppertrak.TrafficRow;
import org.locationvisits.shoppertrak.simulator.ShopperTrakSimulator;
import org.locationvisits.warehouse.WarehouseTables;
import org.locationvisits.warehouse.WarehouseTables.Visit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * {@code plan} on the real stand-ins: the state object on s3rver, the warehouse on an embedded PostgreSQL, the
 * ShopperTrak simulator as the configured API. A plan makes no ShopperTrak call (the simulator's request log stays
 * empty) and writes nothing (the state object keeps its bytes, ETag and time; a missing one stays missing).
 */
class PlanCommandTest {
    private static final String BUCKET = "plan";
    /** Noon in New York on 2026-11-19: yesterday is 2026-11-18, the recovery window starts 2026-10-20. */
    private static final Clock NOON = Clock.fixed(Instant.parse("2026-11-19T17:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ShopperTrakSimulator simulator;
    private static S3rver s3rver;
    private static S3Client s3;
    private static EmbeddedPostgres pg;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startStandIns() throws Exception {
        simulator = ShopperTrakSimulator.builder().sites(3).start();
        s3rver = S3rver.start();
        s3rver.createBucket(BUCKET);
        s3 = s3rver.client();
        pg = WarehouseTables.startPostgres();
    }

    @AfterAll
    static void stopStandIns() throws Exception {
        if (pg != null) {
            pg.close();
        }
        if (s3rver != null) {
            s3rver.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    /**
     * The task's memory: 2026-11-14 has 'aa lib' unhealthy and 22 listed sites missing, 2026-11-10 'cc lib'
     * unhealthy, 2026-10-01 (before the window) 'zz lib'. Last delivered 2026-11-15; 3 calls counted today.
     */
    private String seedMemoryState() {
        String key = "state-" + UUID.randomUUID() + ".json";
        RecoveryMemory memory = new RecoveryMemory();
        List<String> sites = new ArrayList<>(List.of("aa lib"));
        for (int i = 1; i <= 22; i++) {
            sites.add(String.format("s%02d lib", i));
        }
        memory.rememberDay(LocalDate.parse("2026-11-14"), List.of(unhealthy("aa lib", "2026-11-14")), sites);
        memory.rememberDay(LocalDate.parse("2026-11-10"), List.of(unhealthy("cc lib", "2026-11-10")),
                List.of("cc lib"));
        memory.rememberDay(LocalDate.parse("2026-10-01"), List.of(unhealthy("zz lib", "2026-10-01")),
                List.of("zz lib"));
        Map<String, Object> main = new LinkedHashMap<>();
        main.put("last_poll_date", "2026-11-15");
        main.put(RecoveryMemory.ALL_KEY, memory.snapshot(LocalDate.parse("2026-09-01")));
        main.put("calls_day", "2026-11-19");
        main.put("calls", 3);
        S3OffsetStore store = new S3OffsetStore(s3, BUCKET, key);
        store.readAll();
        store.writeAll(Map.of(Map.copyOf(SourceOffsets.PARTITION), main));
        return key;
    }

    private static TrafficRow unhealthy(String site, String day) {
        return new TrafficRow(site, 1, day + "T10:00:00", 0, 0, false);
    }

    private Map<String, String> env(String stateKey) {
        Map<String, String> env = new HashMap<>();
        // No ShopperTrak credentials and no stream: a plan needs neither.
        env.put("SHOPPERTRAK_API_BASE_URL", simulator.baseUrl());
        env.put("S3_BUCKET", BUCKET);
        env.put("S3_RESOURCE", stateKey);
        env.put("MAX_RETRIES", "2");
        return env;
    }

    private int plan(Map<String, String> env, String... args) {
        out.reset();
        err.reset();
        String[] line = new String[args.length + 1];
        line[0] = "plan";
        System.arraycopy(args, 0, line, 1, args.length);
        return Main.run(new Context(env, region -> Wiring.Aws.of(s3, null), NOON,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)),
                line);
    }

    private JsonNode planJson(Map<String, String> env, String... args) throws Exception {
        String[] line = new String[args.length + 1];
        line[0] = "--json";
        System.arraycopy(args, 0, line, 1, args.length);
        assertThat(plan(env, line)).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return JSON.readTree(out.toString(StandardCharsets.UTF_8));
    }

    /** Bytes, ETag and modification time of the state object. */
    private List<Object> stateObject(String key) {
        var object = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key));
        GetObjectResponse response = object.response();
        return List.of(object.asUtf8String(), response.eTag(), response.lastModified());
    }

    @Test
    void limitLetsTwoOfThreeDaysRunTodayAndLeavesTheRestAndRecoveryForTomorrow() throws Exception {
        String key = seedMemoryState();
        List<Object> before = stateObject(key);
        Map<String, String> env = env(key);
        env.put("SHOPPERTRAK_DAILY_CALL_LIMIT", "5");
        env.put("BAD_POLL_DATES", "2026-11-17,2026-11-30");

        JsonNode plan = planJson(env);

        assertThat(plan.get("state").asText()).isEqualTo("s3://" + BUCKET + "/" + key);
        assertThat(plan.get("now").asText()).isEqualTo("2026-11-19T17:00:00Z");
        assertThat(plan.get("pollDate").asText()).isEqualTo("2026-11-19");
        assertThat(plan.get("lastPollDate").asText()).isEqualTo("2026-11-15");
        assertThat(plan.get("lastPollDateFrom").asText()).isEqualTo("stored offset");
        assertThat(plan.get("dailyPoll").toString()).isEqualTo("{\"from\":\"2026-11-16\",\"to\":\"2026-11-18\","
                + "\"days\":3,\"badPollDates\":[\"2026-11-17\"]}");
        JsonNode recovery = plan.get("recovery");
        assertThat(recovery.get("from").asText()).isEqualTo("2026-10-20");
        assertThat(recovery.get("to").asText()).isEqualTo("2026-11-15");
        assertThat(recovery.get("ledger").asText()).isEqualTo("memory");
        assertThat(recovery.get("unhealthy").asInt()).isEqualTo(2);
        assertThat(recovery.get("missing").asInt()).isEqualTo(22);
        assertThat(recovery.get("siteDays").get(0).toString())
                .isEqualTo("{\"date\":\"2026-11-10\",\"site\":\"cc lib\",\"kind\":\"unhealthy\"}");
        assertThat(recovery.get("siteDays").get(1).toString())
                .isEqualTo("{\"date\":\"2026-11-14\",\"site\":\"aa lib\",\"kind\":\"unhealthy\"}");
        assertThat(recovery.get("siteDays").toString()).as("before the window").doesNotContain("zz lib");
        // 5 a day, 3 already counted: 2 days today; the third day and every site-day wait for tomorrow.
        assertThat(plan.get("calls").toString()).isEqualTo("{\"limit\":5,\"countedToday\":3,\"leftToday\":2,"
                + "\"dailyPoll\":3,\"recovery\":24,\"mostPerRequest\":4,\"worstCase\":108}");
        assertThat(plan.get("today").toString()).isEqualTo("{\"days\":2,\"siteDays\":0}");
        assertThat(plan.get("later").toString()).isEqualTo("{\"days\":1,\"siteDays\":24}");
        assertThat(plan.get("lastPollDateAfter").asText()).isEqualTo("2026-11-17");

        assertThat(simulator.requestLog().count()).as("no ShopperTrak call").isZero();
        assertThat(stateObject(key)).as("nothing written").isEqualTo(before);
    }

    @Test
    void tomorrowsRunStartsANewCountAndRecoveryGetsWhatThePollLeaves() throws Exception {
        String key = seedMemoryState();
        Map<String, String> env = env(key);
        env.put("SHOPPERTRAK_DAILY_CALL_LIMIT", "5");

        JsonNode plan = planJson(env, "--at", "2026-11-20T17:00:00Z");

        assertThat(plan.get("calls").get("countedToday").asInt()).as("the count is of 2026-11-19").isZero();
        assertThat(plan.get("dailyPoll").get("days").asInt()).isEqualTo(4);
        assertThat(plan.get("today").toString()).isEqualTo("{\"days\":4,\"siteDays\":1}");
        assertThat(plan.get("later").toString()).isEqualTo("{\"days\":0,\"siteDays\":23}");
        assertThat(plan.get("lastPollDateAfter").asText()).isEqualTo("2026-11-19");
        assertThat(simulator.requestLog().count()).isZero();
    }

    @Test
    void withTheBackoffScheduleOnlyTheSiteDaysDueAreListedAndCounted() throws Exception {
        String key = seedMemoryState();
        Map<String, String> env = env(key);
        env.put("RECOVERY_SCHEDULE", "backoff");

        // On 2026-11-22, 2026-11-14 is 8 days old (due), 2026-11-10 is 12 (not due).
        JsonNode plan = planJson(env, "--at", "2026-11-22T17:00:00Z");

        JsonNode recovery = plan.get("recovery");
        assertThat(recovery.get("unhealthy").asInt()).isEqualTo(1);
        assertThat(recovery.get("missing").asInt()).isEqualTo(22);
        assertThat(recovery.get("siteDays").toString()).doesNotContain("cc lib");
        assertThat(plan.get("calls").get("recovery").asInt()).isEqualTo(23);
        assertThat(simulator.requestLog().count()).isZero();
    }

    @Test
    void textListsTheFirstSiteDaysAndCountsTheRest() {
        String key = seedMemoryState();
        List<Object> before = stateObject(key);

        assertThat(plan(env(key))).isZero();

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("State             s3://" + BUCKET + "/" + key + "\n")
                .contains("Now               2026-11-19T17:00:00Z (New York: 2026-11-19 12:00)\n")
                .contains("Last delivered    2026-11-15 (stored offset)\n")
                .contains("Daily poll        3 day(s), 2026-11-16 through 2026-11-18\n")
                .contains("Recovery          24 site-day(s) (2 unhealthy, 22 missing) of 2026-10-20 through "
                        + "2026-11-15, from the task's memory")
                .contains("Daily limit       none (SHOPPERTRAK_DAILY_CALL_LIMIT=0); 3 call(s) counted today\n")
                .contains("Fits today        3 day(s), 24 site-day(s)\n")
                .contains("Offset after      2026-11-18 (once every day polled is delivered)\n")
                .contains("  2026-11-10  cc lib   unhealthy\n")
                .endsWith("  … and 4 more\n");
        assertThat(text.lines().filter(l -> l.startsWith("  2026-")).count()).isEqualTo(20);
        assertThat(simulator.requestLog().count()).isZero();
        assertThat(stateObject(key)).isEqualTo(before);
    }

    @Test
    void fromTheWarehouseClosuresAreLeftOutAndAMissingStateStaysMissing() throws Exception {
        WarehouseTables qa = WarehouseTables.create(pg, "qa");
        qa.clear();
        long id = 0;
        for (LocalDate day = LocalDate.parse("2026-10-20"); !day.isAfter(LocalDate.parse("2026-11-15"));
             day = day.plusDays(1)) {
            qa.visits(Visit.healthy(++id, "aa lib", day.atTime(10, 0), 4, 3));
            if (!day.equals(LocalDate.parse("2026-11-13")) && !day.equals(LocalDate.parse("2026-11-14"))) {
                qa.visits(Visit.healthy(++id, "bb lib", day.atTime(10, 0), 4, 3));
            }
        }
        qa.visits(Visit.unhealthy(++id, "aa lib", LocalDate.parse("2026-11-12").atTime(11, 0)),
                Visit.unhealthy(++id, "aa lib", LocalDate.parse("2026-11-11").atTime(11, 0)));
        qa.closure("bb", LocalDate.parse("2026-11-13")).closure(null, LocalDate.parse("2026-11-11"));
        s3.putObject(b -> b.bucket(BUCKET).key("sites.json"), RequestBody.fromString("[\"aa lib\", \"bb lib\"]"));
        String key = "never-written-" + UUID.randomUUID() + ".json";
        Map<String, String> env = env(key);
        env.put("LAST_POLL_DATE", "2026-11-15");
        env.put("ALL_SITES_S3_BUCKET", BUCKET);
        env.put("ALL_SITES_S3_RESOURCE", "sites.json");
        env.put("REDSHIFT_DB_HOST", "127.0.0.1");
        env.put("REDSHIFT_DB_PORT", String.valueOf(pg.getPort()));
        env.put("REDSHIFT_DB_NAME", "qa");
        env.put("REDSHIFT_DB_USER", "postgres");
        env.put("REDSHIFT_DB_PASSWORD", WarehouseTables.PASSWORD);
        env.put("REDSHIFT_DB_SSLMODE", "disable");

        JsonNode plan = planJson(env);

        assertThat(plan.get("lastPollDateFrom").asText()).isEqualTo("LAST_POLL_DATE");
        JsonNode recovery = plan.get("recovery");
        assertThat(recovery.get("ledger").asText()).isEqualTo("warehouse");
        assertThat(recovery.get("sites").asInt()).isEqualTo(2);
        // 'aa lib' 11-11 is unhealthy but every site was closed; 'bb lib' 11-13 is missing but its branch was closed.
        assertThat(recovery.get("siteDays").toString()).isEqualTo("[{\"date\":\"2026-11-12\",\"site\":\"aa lib\","
                + "\"kind\":\"unhealthy\"},{\"date\":\"2026-11-14\",\"site\":\"bb lib\",\"kind\":\"missing\"}]");
        assertThat(plan.get("calls").get("limit").isNull()).isTrue();
        assertThat(plan.get("today").toString()).isEqualTo("{\"days\":3,\"siteDays\":2}");
        assertThat(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8))
                .doesNotContain(WarehouseTables.PASSWORD);

        assertThat(simulator.requestLog().count()).isZero();
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("never-written-")).contents())
                .as("a plan never creates the state object").isEmpty();
        assertThat(qa.isFresh(id)).as("no row marked stale").isTrue();
    }

    @Test
    void withoutAStoredOffsetOrLastPollDateItSaysWhatToSetAndWritesNothing() {
        String key = "never-written-" + UUID.randomUUID() + ".json";

        assertThat(plan(env(key))).isEqualTo(Failures.USAGE);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("No offset is stored yet")
                .contains("(LAST_POLL_DATE) is empty");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(key)).contents()).isEmpty();
        assertThat(simulator.requestLog().count()).isZero();
    }

    @Test
    void anUnreachableWarehouseIsOneLineWithoutItsPassword() throws Exception {
        Map<String, String> env = env(seedMemoryState());
        env.put("REDSHIFT_DB_HOST", "127.0.0.1");
        env.put("REDSHIFT_DB_PORT", String.valueOf(freePort()));
        env.put("REDSHIFT_DB_NAME", "qa");
        env.put("REDSHIFT_DB_USER", "postgres");
        env.put("REDSHIFT_DB_PASSWORD", WarehouseTables.PASSWORD);
        env.put("REDSHIFT_DB_SSLMODE", "disable");

        assertThat(plan(env)).isEqualTo(Failures.USAGE);

        String said = err.toString(StandardCharsets.UTF_8);
        assertThat(said).startsWith("error: the calendar cannot be read, so recovery cannot be planned: ")
                .doesNotContain(WarehouseTables.PASSWORD).doesNotContain("\tat ");
        assertThat(simulator.requestLog().count()).isZero();
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
