package org.locationvisits.cli;

import java.util.Set;
import org.locationvisits.drift.DriftText;
import org.locationvisits.drift.SiteDrift;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationvisits.offsets.S3OffsetStore;
import org.locationvisits.recovery.RecoveryMemory;
import org.locationvisits.runner.Wiring;
import org.locationvisits.shoppertrak.TrafficRow;
import org.locationvisits.source.SourceConfig;
import org.locationvisits.offsets.SourceOffsets;
import org.locationvisits.testsupport.S3ProxyServer;

import software.amazon.awssdk.services.s3.S3Client;

/** {@code offsets show|set} against S3Proxy, which honours conditional writes as S3 does; also with the site drift a run leaves in the state object. */
class OffsetsCommandTest {
    private static final String BUCKET = "poller-state";
    /** 22:30 in New York on 2024-03-28: already 2024-03-29 in UTC, yet yesterday is 2024-03-27. */
    private static final Clock CLOCK = Clock.fixed(
            ZonedDateTime.of(2024, 3, 28, 22, 30, 0, 0, SourceConfig.ZONE).toInstant(), ZoneOffset.UTC);

    private static S3ProxyServer s3proxy;
    private static S3Client s3;

    private final String key = "state-" + UUID.randomUUID() + ".json";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startS3Proxy() {
        s3proxy = S3ProxyServer.start(BUCKET);
        s3 = s3proxy.client();
    }

    @AfterAll
    static void stopS3Proxy() {
        if (s3proxy != null) {
            s3proxy.close();
        }
    }

    private int offsets(String... args) {
        Map<String, String> env = Map.of("S3_BUCKET", BUCKET, "S3_RESOURCE", key);
        String[] line = new String[args.length + 1];
        line[0] = "offsets";
        System.arraycopy(args, 0, line, 1, args.length);
        return Main.run(new Context(env, region -> Wiring.Aws.of(s3, null), CLOCK,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)),
                line);
    }

    private String stored() {
        return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String();
    }

    @Test
    void showSaysNothingIsStoredYet() {
        assertThat(offsets("show")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("null\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("holds no offset yet");
    }

    /** The state a run leaves: offset, one remembered day (an unhealthy increment, a missing site), a call count. */
    private Map<Map<String, Object>, Map<String, Object>> seedState() {
        RecoveryMemory memory = new RecoveryMemory();
        LocalDate day = LocalDate.parse("2024-03-26");
        memory.rememberDay(day, List.of(new TrafficRow("aa lib", 1, "2024-03-26T10:00:00", 0, 0, false)),
                List.of("aa lib", "bb lib"));
        Map<Map<String, Object>, Map<String, Object>> all = new LinkedHashMap<>();
        Map<String, Object> main = new LinkedHashMap<>();
        main.put("last_poll_date", "2024-03-26");
        main.put(RecoveryMemory.ALL_KEY, memory.snapshot(day.minusDays(30)));
        main.put("calls_day", "2024-03-27");
        main.put("calls", 93);
        all.put(Map.copyOf(SourceOffsets.PARTITION), main);
        S3OffsetStore store = new S3OffsetStore(s3, BUCKET, key);
        store.readAll();
        store.writeAll(all);
        return all;
    }

    @Test
    void showListsTheOffsetThePendingSiteDaysAndTheCallCount() {
        seedState();

        assertThat(offsets("show")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"last_poll_date\":\"2024-03-26\"}\n"
                + "calls {\"calls\":93,\"day\":\"2024-03-27\"}\n"
                + "pending 'aa lib' 2024-03-26: 1 unhealthy increment(s)\n"
                + "pending 'bb lib' 2024-03-26: missing\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("the next run starts with 2024-03-27")
                .contains("2 site-day(s) pending recovery");
    }

    @Test
    void setKeepsRecoveryAndTheCallCountUnlessAskedAndForgettingIsOneWrite() {
        Map<Map<String, Object>, Map<String, Object>> seeded = seedState();

        assertThat(offsets("set", "2024-03-25")).isZero();
        Map<Map<String, Object>, Map<String, Object>> kept = new S3OffsetStore(s3, BUCKET, key).readAll();
        assertThat(kept).hasSize(1);
        assertThat(kept.get(SourceOffsets.PARTITION)).containsEntry("last_poll_date", "2024-03-25")
                .containsKeys(RecoveryMemory.ALL_KEY, "calls_day", "calls");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--forget-recovery");

        int puts = s3proxy.storedPuts();
        assertThat(offsets("set", "2024-03-25", "--forget-recovery")).isZero();
        assertThat(s3proxy.storedPuts() - puts).isEqualTo(1);
        assertThat(new S3OffsetStore(s3, BUCKET, key).readAll().get(SourceOffsets.PARTITION))
                .containsEntry("last_poll_date", "2024-03-25").containsEntry("calls", 93)
                .doesNotContainKey(RecoveryMemory.ALL_KEY);
        assertThat(seeded).hasSize(1);
    }

    @Test
    void setForgettingRecoveryIsRefusedWhenARunChangedTheStateUnderneath() {
        seedState();
        String runWrote = "{\"last_poll_date\":\"2024-03-27\",\"offsets\":[]}";
        s3proxy.rivalWritesAfterNextGet(BUCKET, key, runWrote);

        assertThat(offsets("set", "2024-03-20", "--forget-recovery")).isEqualTo(1);

        assertThat(stored()).isEqualTo(runWrote);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Another runner changed")
                .contains("Nothing was changed");
    }

    @Test
    void setWritesTheOneDocumentAndShowReadsItBack() {
        assertThat(offsets("set", "2024-03-25")).isZero();
        assertThat(stored()).isEqualTo("{\"last_poll_date\":\"2024-03-25\",\"offsets\":[]}");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("(none) -> 2024-03-25")
                .contains("the next run starts with 2024-03-26");

        assertThat(offsets("set", "2024-03-20")).isZero();
        out.reset();
        assertThat(offsets("show")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"last_poll_date\":\"2024-03-20\"}\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("2024-03-25 -> 2024-03-20")
                .contains("the next run starts with 2024-03-21");
    }

    @Test
    void setRefusesADayAfterYesterdayInNewYork() {
        assertThat(offsets("set", "2024-03-28")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("after yesterday (2024-03-27)")
                .contains("usage: java -jar location-visits-poller.jar offsets set");
        assertThat(offsets("set", "2024-03-27")).isZero();
    }

    @Test
    void setRefusesWhatIsNotADate() {
        assertThat(offsets("set", "25/03/2024")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'25/03/2024' is not a date YYYY-MM-DD");
        err.reset();
        assertThat(offsets("reset")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown offsets action 'reset'")
                .contains("show").contains("set");
    }

    @Test
    void showOrSetIsNeeded() {
        assertThat(offsets()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: java -jar location-visits-poller.jar offsets");
    }

    /** A state with 'zz lib' new and 'bb lib' gone, after three days of answers. */
    private String seed() {
        SiteDrift drift = new SiteDrift();
        for (int n = 0; n < 3; n++) {
            drift.dayAnswered(LocalDate.parse("2024-03-24").plusDays(n), List.of("aa lib", "zz lib"),
                    List.of("aa lib", "bb lib"), day -> Set.of("bb lib"));
        }
        String text = DriftText.write(drift);
        Map<String, Object> main = new LinkedHashMap<>();
        main.put(SourceOffsets.OFFSET_KEY, "2024-03-26");
        main.put(SourceOffsets.DRIFT_KEY, text);
        S3OffsetStore store = new S3OffsetStore(s3, BUCKET, key);
        store.readAll();
        store.writeAll(Map.of(Map.copyOf(SourceOffsets.PARTITION), main));
        return text;
    }

    @Test
    void showListsTheDriftingSitesApartFromTheOffset() {
        seed();

        assertThat(offsets("show")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"last_poll_date\":\"2024-03-26\"}\n"
                + "drift new zz lib\n" + "drift gone bb lib\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("site drift: 1 new site(s), 1 gone site(s)");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String())
                .as("stored as the JSON it is").contains("\"site_drift\":{\"days\":[\"2024-03-24\"");
    }

    @Test
    void setKeepsTheDriftSoNothingIsReportedAgain() {
        String text = seed();

        assertThat(offsets("set", "2024-03-20", "--forget-recovery")).isZero();

        assertThat(new S3OffsetStore(s3, BUCKET, key).readAll().get(SourceOffsets.PARTITION))
                .containsEntry(SourceOffsets.OFFSET_KEY, "2024-03-20").containsEntry(SourceOffsets.DRIFT_KEY, text);
    }

    @Test
    void aConnectOffsetCarryingTheDriftIsAcceptedAsReadBack() {
        assertThat(SourceOffsets.problemWith(SourceOffsets.PARTITION, Map.of(SourceOffsets.OFFSET_KEY, "2024-03-26",
                SourceOffsets.DRIFT_KEY, seed()), LocalDate.parse("2024-03-27"))).isNull();
    }
}
