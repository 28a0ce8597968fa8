package org.locationvisits.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationvisits.drift.DriftText;
import org.locationvisits.drift.SiteDrift;
import org.locationvisits.offsets.S3OffsetStore;
import org.locationvisits.offsets.SourceOffsets;
import org.locationvisits.runner.Wiring;
import org.locationvisits.source.SourceConfig;
import org.locationvisits.testsupport.S3ProxyServer;

import software.amazon.awssdk.services.s3.S3Client;

/** {@code offsets show|set} with the site drift a run leaves in the state object, against S3Proxy. */
class OffsetsDriftCommandTest {
    private static final String BUCKET = "poller-state";
    private static final Clock CLOCK = Clock.fixed(
            ZonedDateTime.of(2024, 3, 28, 12, 0, 0, 0, SourceConfig.ZONE).toInstant(), ZoneOffset.UTC);

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
        String[] line = new String[args.length + 1];
        line[0] = "offsets";
        System.arraycopy(args, 0, line, 1, args.length);
        return Main.run(new Context(Map.of("S3_BUCKET", BUCKET, "S3_RESOURCE", key),
                region -> Wiring.Aws.of(s3, null), CLOCK, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), line);
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
