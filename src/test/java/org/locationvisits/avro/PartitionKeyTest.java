package org.locationvisits.avro;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PartitionKeyTest {
    private static final String START = "2024-03-25T09:00:00";
    /** 300 characters; the SHA-256 below is of its UTF-8 bytes, computed outside Java. */
    private static final String LONG = ("long site ".repeat(30)).substring(0, 291) + "-branch-1";
    private static final String LONG_SHA256 = "f63ddfddc818764318439380f48cb927000cb991f0ec63e7fe3d0705a45f6768";

    @Test
    void aKeyThatFitsIsThePlainSiteOrbitAndStartByteForByte() {
        assertThat(PartitionKey.of("aa lib", 1, START)).isEqualTo("aa lib|1|2024-03-25T09:00:00");
        assertThat(PartitionKey.of("bronx lib", null, START)).isEqualTo("bronx lib|null|2024-03-25T09:00:00");
        String site = "s".repeat(234);
        assertThat(PartitionKey.of(site, 1, START)).as("exactly 256 characters")
                .isEqualTo(site + "|1|" + START).hasSize(256);
    }

    @Test
    void aKeyOverTheLimitHasTheSiteIdReplacedByItsReadableStartAndItsSha256() {
        assertThat(PartitionKey.of("s".repeat(235), 1, START)).as("257 characters plain")
                .startsWith("s".repeat(64) + "~").endsWith("|1|" + START).hasSize(64 + 1 + 64 + 22);
        assertThat(PartitionKey.of(LONG, 1, START))
                .isEqualTo(LONG.substring(0, 64) + "~" + LONG_SHA256 + "|1|" + START);
    }

    @Test
    void theSameRowAlwaysGetsTheSameKeyAndIdsDifferingAfterCharacter256GetDifferentOnes() {
        String other = LONG.substring(0, 299) + "2";
        assertThat(PartitionKey.of(LONG, 1, START)).isEqualTo(PartitionKey.of(new String(LONG), 1, START))
                .isNotEqualTo(PartitionKey.of(other, 1, START))
                .isNotEqualTo(PartitionKey.of(LONG, 2, START));
        assertThat(PartitionKey.of(other, 1, START).length()).isLessThanOrEqualTo(PartitionKey.MAX_CHARS);
    }

    @Test
    void theReadablePartNeverEndsInHalfASurrogatePair() {
        String site = "a" + "\uD83D\uDE00".repeat(150); // the 64th UTF-16 unit opens a pair
        String key = PartitionKey.of(site, 1, START);

        assertThat(key).startsWith("a" + "\uD83D\uDE00".repeat(31) + "~").hasSizeLessThanOrEqualTo(256);
        assertThat(new String(key.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(key);
    }

    @Test
    void whenEvenTheShortenedKeyWouldNotFitTheKeyIsTheHashOfThePlainOne() {
        String key = PartitionKey.of("aa lib", 1, "x".repeat(300));
        assertThat(key).matches("[0-9a-f]{64}");
        assertThat(PartitionKey.of("aa lib", 1, "x".repeat(300))).isEqualTo(key);
    }

    @Test
    void aVisitsKeyIsThePartitionKey() {
        LocationVisit visit = new LocationVisit(LONG, 1, START, 4, 3, true, false, "2024-03-26");
        assertThat(visit.key()).isEqualTo(PartitionKey.of(LONG, 1, START)).hasSizeLessThanOrEqualTo(256);
    }
}
