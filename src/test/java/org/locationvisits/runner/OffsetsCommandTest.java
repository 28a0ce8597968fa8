package org.locationvisits.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationvisits.devstack.S3rver;
import org.locationvisits.source.SourceConfig;

import software.amazon.awssdk.services.s3.S3Client;

/** {@code offsets show|set} against a real s3rver. */
class OffsetsCommandTest {
    private static final String BUCKET = "poller-state";
    /** 22:30 in New York on 2024-03-28: already 2024-03-29 in UTC, yet yesterday is 2024-03-27. */
    private static final Clock CLOCK = Clock.fixed(
            ZonedDateTime.of(2024, 3, 28, 22, 30, 0, 0, SourceConfig.ZONE).toInstant(), ZoneOffset.UTC);

    private static S3rver s3rver;
    private static S3Client s3;

    private final String key = "state-" + UUID.randomUUID() + ".json";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startS3rver() {
        s3rver = S3rver.start();
        s3rver.createBucket(BUCKET);
        s3 = s3rver.client();
    }

    @AfterAll
    static void stopS3rver() {
        if (s3rver != null) {
            s3rver.close();
        }
    }

    private int offsets(String... args) {
        Map<String, String> env = Map.of("S3_BUCKET", BUCKET, "S3_RESOURCE", key);
        return OffsetsCommand.run(args, env, region -> Wiring.Aws.of(s3, null), CLOCK,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
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

    @Test
    void showListsThePendingSiteDaysAndSetLeavesThemUnlessAsked() {
        org.locationvisits.recovery.RecoveryMemory memory = new org.locationvisits.recovery.RecoveryMemory();
        java.time.LocalDate day = java.time.LocalDate.parse("2024-03-26");
        memory.rememberDay(day, java.util.List.of(new org.locationvisits.shoppertrak.TrafficRow("aa lib", 1,
                "2024-03-26T10:00:00", 0, 0, false)), java.util.List.of("aa lib", "bb lib"));
        org.locationvisits.offsets.S3PartitionOffsets partitions =
                new org.locationvisits.offsets.S3PartitionOffsets(s3, BUCKET, key);
        partitions.write(Map.of(Map.<String, Object>copyOf(org.locationvisits.recovery.RecoveryMemory.partition(day)),
                memory.offset(day)));

        assertThat(offsets("show")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("pending 'aa lib' 2024-03-26: 1 unhealthy increment(s)")
                .contains("pending 'bb lib' 2024-03-26: missing");

        assertThat(offsets("set", "2024-03-25")).isZero();
        assertThat(partitions.read()).hasSize(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--forget-recovery");

        assertThat(offsets("set", "2024-03-25", "--forget-recovery")).isZero();
        assertThat(partitions.read()).isEmpty();
    }

    @Test
    void setWritesThePythonFormatAndShowReadsItBack() {
        assertThat(offsets("set", "2024-03-25")).isZero();
        assertThat(stored()).isEqualTo("{\"last_poll_date\": \"2024-03-25\"}");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("(none) -> 2024-03-25")
                .contains("the next run starts with 2024-03-26");

        assertThat(offsets("set", "2024-03-20")).isZero();
        out.reset();
        assertThat(offsets("show")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"last_poll_date\": \"2024-03-20\"}\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("2024-03-25 -> 2024-03-20")
                .contains("the next run starts with 2024-03-21");
    }

    @Test
    void setRefusesADayAfterYesterdayInNewYork() {
        assertThatThrownBy(() -> offsets("set", "2024-03-28"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("after yesterday (2024-03-27)");
        assertThat(offsets("set", "2024-03-27")).isZero();
    }

    @Test
    void setRefusesWhatIsNotADate() {
        assertThatThrownBy(() -> offsets("set", "25/03/2024")).isInstanceOf(UsageException.class)
                .hasMessageContaining("YYYY-MM-DD");
        assertThatThrownBy(() -> offsets("reset")).isInstanceOf(UsageException.class)
                .hasMessageContaining("show or set");
    }
}
