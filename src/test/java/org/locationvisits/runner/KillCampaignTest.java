package org.locationvisits.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationvisits.avro.LocationVisitsSchemas;
import org.locationvisits.common.AwsClients;
import org.locationvisits.devstack.KinesisLocal;
import org.locationvisits.kinesis.KinesisForwarder;
import org.locationvisits.shoppertrak.TrafficRow;
import org.locationvisits.shoppertrak.simulator.ShopperTrakSimulator;
import org.locationvisits.testsupport.S3ProxyServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * A kill campaign against the main job: {@code Main} with no command runs in its own JVM, configured by environment
 * variables only, against the ShopperTrak simulator, S3Proxy (crash-safe, honours conditional writes) and
 * kinesis-local. It is killed with SIGKILL ({@link Process#destroyForcibly()}) at moments drawn with a seeded
 * {@link Random} (a number of records the stream has grown by since the attempt started, so the moments do not
 * depend on machine speed), restarted, and the last attempt runs to exit 0.
 *
 * <p>The invariant: nothing is lost (every row of every day of the range is in the stream at least once), the
 * state ends at the last day, and a kill re-sends at most what was in flight: the job delivers a day in pieces of
 * {@code KINESIS_BATCH_SIZE} records and stores the day's position after each piece Kinesis accepted, so a restart
 * resumes after it. Re-sent by a kill = records added after the restart (until the next kill) whose key
 * (site|orbit|increment_start) was already in the stream before the restart.
 */
class KillCampaignTest {
    private static final String PASSWORD = "kill-Pa55-w0rd!";
    private static final String USER = "kill-user";
    private static final String BUCKET = "kill-campaign-state";
    private static final String STATE_KEY = "location_visits_poller_state.json";
    private static final LocalDate LAST_POLL_DATE = LocalDate.parse("2024-03-20");
    private static final LocalDate LAST_END_DATE = LocalDate.parse("2024-03-24");
    private static final int SITES = 6;
    private static final int SHARDS = 2;
    private static final int BATCH_SIZE = 100;
    private static final int KILLS = 5;
    private static final long SEED = 20240324L;
    /** Drawn growth of the stream since an attempt started, before it is killed: [MIN_GROWTH, MAX_GROWTH). */
    private static final int MIN_GROWTH = 60;
    private static final int MAX_GROWTH = 700;
    /** Generous bound on every wait; a failure of it is a hang, not a speed problem. */
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    /** Calls under way at once: at most one per shard ({@code SendLoop}), and at most maxCallsInFlight. */
    private static final int CALLS_IN_FLIGHT = Math.min(KinesisForwarder.DEFAULT_MAX_CALLS_IN_FLIGHT, SHARDS);
    /**
     * The most records a kill may leave accepted by Kinesis but not covered by the stored position, from
     * {@code SendLoop} / {@link KinesisForwarder} with s = {@link #CALLS_IN_FLIGHT}: s calls of at most
     * KINESIS_BATCH_SIZE records under way (Kinesis may still store them after the kill); a further piece is taken
     * only while fewer than s x KINESIS_BATCH_SIZE entries wait, so a fast shard can run at most that plus one
     * piece ahead of the oldest piece not wholly accepted; and the pieces of the last answer whose positions were
     * still being written (one answer per shard, s x KINESIS_BATCH_SIZE). (3s + 1) x KINESIS_BATCH_SIZE: 700 for
     * 2 shards and pieces of 100, below a day (1,152 rows), so re-sending a whole day fails.
     */
    private static final int IN_FLIGHT_BOUND = BATCH_SIZE * (3 * CALLS_IN_FLIGHT + 1);

    private static ShopperTrakSimulator simulator;
    private static S3ProxyServer s3proxy;
    private static S3Client s3;
    private static KinesisLocal kinesis;
    private static String streamName;
    private static String streamArn;

    @BeforeAll
    static void startStandIns() throws Exception {
        simulator = ShopperTrakSimulator.builder().sites(SITES).username(USER).password(PASSWORD).start();
        s3proxy = S3ProxyServer.start(BUCKET);
        s3 = AwsClients.s3(KinesisLocal.REGION, s3proxy.endpoint(), S3ProxyServer.ACCESS_KEY_ID,
                S3ProxyServer.SECRET_ACCESS_KEY);
        kinesis = KinesisLocal.start();
        streamName = "kill-campaign-" + UUID.randomUUID().toString().substring(0, 8);
        streamArn = kinesis.createStream(streamName, SHARDS);
    }

    @AfterAll
    static void stopStandIns() {
        if (kinesis != null) {
            kinesis.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (s3proxy != null) {
            s3proxy.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void killedAndRestartedTheMainJobLosesNothingAndReSendsAtMostWhatWasInFlight() throws Exception {
        long started = System.nanoTime();
        Map<LocalDate, Set<String>> expected = expectedKeys();
        int totalExpected = expected.values().stream().mapToInt(Set::size).sum();
        int smallestDay = expected.values().stream().mapToInt(Set::size).min().orElseThrow();
        // The assertion on re-sends must be able to tell "in flight" from "a whole day".
        assertThat(IN_FLIGHT_BOUND).as("in-flight bound below a day's rows").isLessThan(smallestDay);

        Path logs = Path.of("target", "kill-campaign");
        Files.createDirectories(logs);
        StreamTail tail = new StreamTail(kinesis.client(), streamName);
        Random random = new Random(SEED);
        List<int[]> restarts = new ArrayList<>(); // per kill: shard sizes when the next attempt started
        List<String> statesAfterKills = new ArrayList<>();
        int attempt = 0;
        int exit = -1;
        while (true) {
            attempt++;
            tail.drain();
            if (attempt > 1) {
                restarts.add(tail.sizes());
            }
            int before = tail.count();
            Path log = logs.resolve("attempt-" + attempt + ".log");
            Process job = startMainJob(log);
            if (restarts.size() == KILLS) {
                if (!job.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    job.destroyForcibly().waitFor();
                    fail("the last attempt (%d) did not end within %s; see %s", attempt, TIMEOUT, log);
                }
                exit = job.exitValue();
                break;
            }
            int growth = MIN_GROWTH + random.nextInt(MAX_GROWTH - MIN_GROWTH);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (tail.count() - before < growth) {
                if (!job.isAlive()) {
                    fail("attempt %d ended (exit %d) before the stream grew by %d records (it grew by %d), so kill "
                            + "%d of %d never happened; see %s", attempt, job.exitValue(), growth,
                            tail.count() - before, restarts.size() + 1, KILLS, log);
                }
                if (System.nanoTime() > deadline) {
                    job.destroyForcibly().waitFor();
                    fail("attempt %d: the stream did not grow by %d records within %s (it grew by %d); see %s",
                            attempt, growth, TIMEOUT, tail.count() - before, log);
                }
                Thread.sleep(50);
                tail.poll();
            }
            int atKill = tail.count() - before;
            job.destroyForcibly();
            if (!job.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                fail("attempt %d did not die within %s of SIGKILL", attempt, TIMEOUT);
            }
            // kinesis-local may still store a PutRecords whose connection the kill cut: let it settle.
            tail.settle();
            String state = readState();
            statesAfterKills.add(state);
            System.out.printf("kill %d: attempt %d killed at +%d records seen (drawn %d), +%d once settled; "
                    + "stream %d; days sent by it %s; state %s%n", restarts.size() + 1, attempt, atKill, growth,
                    tail.count() - before, tail.count(), tail.perDaySince(restarts.isEmpty() ? new int[SHARDS]
                            : restarts.get(restarts.size() - 1)), state);
            assertThat(state == null || parses(state)).as("state object after kill %d is readable JSON with "
                    + "last_poll_date: %s", restarts.size() + 1, state).isTrue();
        }
        assertThat(exit).as("exit status of the last attempt (%d); see %s", attempt,
                logs.resolve("attempt-" + attempt + ".log")).isZero();
        tail.drain();

        // Nothing lost: every row the simulator serves for every day of the range, at least once.
        List<Sent> all = tail.decoded();
        Map<LocalDate, Set<String>> seen = new TreeMap<>();
        for (Sent sent : all) {
            seen.computeIfAbsent(LocalDate.parse(sent.key().split("\\|")[2].substring(0, 10)), d -> new HashSet<>())
                    .add(sent.key());
        }
        int lost = 0;
        Map<LocalDate, Integer> lostPerDay = new LinkedHashMap<>();
        for (var day : expected.entrySet()) {
            Set<String> missing = new HashSet<>(day.getValue());
            missing.removeAll(seen.getOrDefault(day.getKey(), Set.of()));
            lostPerDay.put(day.getKey(), missing.size());
            lost += missing.size();
        }
        Set<LocalDate> outside = new HashSet<>(seen.keySet());
        outside.removeAll(expected.keySet());

        // Re-sent by kill k: records of the window [restart k, restart k+1) whose key was in the stream before k.
        int[] reSent = new int[restarts.size()];
        for (int k = 0; k < restarts.size(); k++) {
            int[] from = restarts.get(k);
            int[] to = k + 1 < restarts.size() ? restarts.get(k + 1) : tail.sizes();
            Set<String> earlier = tail.keysBefore(from);
            reSent[k] = tail.countBetween(from, to, earlier);
        }
        int maxReSent = 0;
        for (int n : reSent) {
            maxReSent = Math.max(maxReSent, n);
        }
        String stored = readState();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("kill campaign: kills=%d, rows lost=%d, most rows re-sent by one kill=%d (per kill %s), "
                        + "total rows=%d (expected distinct %d, smallest day %d), in-flight bound=%d "
                        + "(KINESIS_BATCH_SIZE %d x (3 x %d calls in flight + 1)), attempts=%d, %.1f s, final state %s%n",
                restarts.size(), lost, maxReSent, java.util.Arrays.toString(reSent), all.size(), totalExpected,
                smallestDay, IN_FLIGHT_BOUND, BATCH_SIZE, CALLS_IN_FLIGHT, attempt, seconds, stored);

        assertThat(restarts).as("kills").hasSize(KILLS);
        assertThat(lost).as("rows lost, per day %s", lostPerDay).isZero();
        assertThat(outside).as("days outside %s..%s in the stream", LAST_POLL_DATE.plusDays(1), LAST_END_DATE)
                .isEmpty();
        assertThat(stored).as("state object at the end").isNotNull();
        assertThat(JSON.readTree(stored).path("last_poll_date").asText()).isEqualTo(LAST_END_DATE.toString());
        for (int k = 0; k < reSent.length; k++) {
            assertThat(reSent[k]).as("rows re-sent by kill %d (at most what was in flight: %d; a day is %d or more)",
                    k + 1, IN_FLIGHT_BOUND, smallestDay).isLessThanOrEqualTo(IN_FLIGHT_BOUND);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every row the simulator's allsites answers hold for the days of the range, as keys. */
    private static Map<LocalDate, Set<String>> expectedKeys() {
        Map<LocalDate, Set<String>> keys = new TreeMap<>();
        for (LocalDate day = LAST_POLL_DATE.plusDays(1); !day.isAfter(LAST_END_DATE); day = day.plusDays(1)) {
            Set<String> dayKeys = new HashSet<>();
            List<TrafficRow> rows = simulator.traffic().expectedRows(day, null);
            for (TrafficRow row : rows) {
                dayKeys.add(row.siteId() + "|" + row.orbit() + "|" + row.incrementStart());
            }
            assertThat(dayKeys).as("keys of %s are distinct", day).hasSize(rows.size());
            keys.put(day, dayKeys);
        }
        return keys;
    }

    private static Process startMainJob(Path log) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "org.locationvisits.cli.Main");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        // Nothing of the test's environment but PATH and HOME: no ENVIRONMENT, no AWS profile or credentials.
        String path = env.get("PATH");
        String home = env.get("HOME");
        env.clear();
        if (path != null) {
            env.put("PATH", path);
        }
        if (home != null) {
            env.put("HOME", home);
        }
        env.putAll(jobEnvironment());
        return builder.start();
    }

    private static Map<String, String> jobEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("SHOPPERTRAK_API_BASE_URL", simulator.baseUrl());
        env.put("SHOPPERTRAK_USERNAME", USER);
        env.put("SHOPPERTRAK_PASSWORD", PASSWORD);
        env.put("MAX_RETRIES", "2");
        env.put("RETRY_DELAY_SECONDS", "0");
        env.put("S3_BUCKET", BUCKET);
        env.put("S3_RESOURCE", STATE_KEY);
        env.put("KINESIS_STREAM_ARN", streamArn);
        env.put("KINESIS_BATCH_SIZE", Integer.toString(BATCH_SIZE));
        env.put("LAST_POLL_DATE", LAST_POLL_DATE.toString());
        env.put("LAST_END_DATE", LAST_END_DATE.toString());
        env.put("LOG_LEVEL", "info");
        env.put("AWS_REGION", KinesisLocal.REGION);
        env.put("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_ACCESS_KEY);
        env.put("AWS_ENDPOINT_URL_S3", s3proxy.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_KINESIS", kinesis.endpoint().toString());
        env.put("AWS_CONFIG_FILE", "/nonexistent/aws-config");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-credentials");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        return env;
    }

    /** The state object's text, or null when there is none yet. */
    private static String readState() {
        try {
            return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(STATE_KEY)).asString(StandardCharsets.UTF_8);
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    private static boolean parses(String state) {
        try {
            JsonNode node = JSON.readTree(state);
            return node != null && node.path("last_poll_date").isTextual()
                    && LocalDate.parse(node.path("last_poll_date").asText()) != null;
        } catch (Exception e) {
            return false;
        }
    }

    /** A decoded record: its key site|orbit|increment_start. */
    private record Sent(String key) {
    }

    /**
     * Follows every shard of the stream with GetRecords, keeping each shard's records in sequence order, so the
     * stream's size at a moment is a vector of per-shard counts and "added after" is exact per shard.
     */
    private static final class StreamTail {
        private final KinesisClient client;
        private final List<String> iterators = new ArrayList<>();
        private final List<List<String>> keys = new ArrayList<>();
        private final GenericDatumReader<GenericRecord> reader;
        private int count;

        StreamTail(KinesisClient client, String stream) {
            this.client = client;
            Schema schema = LocationVisitsSchemas.bundled();
            this.reader = new GenericDatumReader<>(schema);
            for (Shard shard : client.listShards(r -> r.streamName(stream)).shards()) {
                iterators.add(client.getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
                keys.add(new ArrayList<>());
            }
        }

        /** One GetRecords per shard. */
        void poll() {
            for (int i = 0; i < iterators.size(); i++) {
                fetch(i);
            }
        }

        /** Reads every shard until a GetRecords brings nothing. */
        void drain() {
            for (int i = 0; i < iterators.size(); i++) {
                while (fetch(i) > 0) {
                    // until caught up
                }
            }
        }

        /** Drains until the stream stays the same size for a while (a cut-off call may still be stored). */
        void settle() throws InterruptedException {
            int last = -1;
            while (last != count) {
                last = count;
                Thread.sleep(300);
                drain();
            }
        }

        private int fetch(int shard) {
            String iterator = iterators.get(shard);
            GetRecordsResponse response = client.getRecords(r -> r.shardIterator(iterator).limit(10_000));
            iterators.set(shard, response.nextShardIterator());
            for (Record record : response.records()) {
                keys.get(shard).add(key(record.data().asByteArray()));
            }
            count += response.records().size();
            return response.records().size();
        }

        private String key(byte[] data) {
            try {
                GenericRecord record = reader.read(null, DecoderFactory.get().binaryDecoder(data, null));
                return record.get("shoppertrak_site_id") + "|" + record.get("orbit") + "|"
                        + record.get("increment_start");
            } catch (java.io.IOException e) {
                throw new IllegalStateException("a record in the stream is not a LocationVisits record", e);
            }
        }

        int count() {
            return count;
        }

        int[] sizes() {
            return keys.stream().mapToInt(List::size).toArray();
        }

        Set<String> keysBefore(int[] sizes) {
            Set<String> before = new HashSet<>();
            for (int i = 0; i < keys.size(); i++) {
                before.addAll(keys.get(i).subList(0, sizes[i]));
            }
            return before;
        }

        int countBetween(int[] from, int[] to, Set<String> among) {
            int n = 0;
            for (int i = 0; i < keys.size(); i++) {
                for (String key : keys.get(i).subList(from[i], to[i])) {
                    if (among.contains(key)) {
                        n++;
                    }
                }
            }
            return n;
        }

        /** Records added since {@code sizes}, per day, as "day=records/distinct keys". */
        Map<String, String> perDaySince(int[] sizes) {
            Map<String, List<String>> days = new TreeMap<>();
            for (int i = 0; i < keys.size(); i++) {
                for (String key : keys.get(i).subList(sizes[i], keys.get(i).size())) {
                    days.computeIfAbsent(key.split("\\|")[2].substring(0, 10), d -> new ArrayList<>()).add(key);
                }
            }
            Map<String, String> out = new TreeMap<>();
            days.forEach((day, list) -> out.put(day, list.size() + "/" + new HashSet<>(list).size()));
            return out;
        }

        List<Sent> decoded() {
            List<Sent> all = new ArrayList<>();
            for (List<String> shard : keys) {
                shard.forEach(k -> all.add(new Sent(k)));
            }
            return all;
        }
    }
}
