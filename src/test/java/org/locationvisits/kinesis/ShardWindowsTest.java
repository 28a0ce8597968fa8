package org.locationvisits.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.locationvisits.kinesis.fake.FakeTime;

class ShardWindowsTest {
    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private final FakeTime time = new FakeTime();

    @Test
    void neverLetsOneSecondHoldMoreThanAShardsRecordCapacity() {
        ShardWindows windows = new ShardWindows(2);
        long start = time.getAsLong();
        windows.accepted(0, 600, 1_000, start);
        windows.accepted(0, 400, 1_000, start + SECOND / 2);

        assertThat(windows.fits(0, 1, 10, start + SECOND / 2)).isFalse();
        assertThat(windows.fits(1, 1_000, 10, start + SECOND / 2)).isTrue(); // the other shard is not touched
        assertThat(windows.nanosUntilFits(0, 10, start + SECOND / 2)).isEqualTo(SECOND / 2);
        assertThat(windows.fits(0, 600, 10, start + SECOND)).isTrue();
        assertThat(windows.fits(0, 601, 10, start + SECOND)).isFalse();
    }

    @Test
    void limitsBytesPerSecond() {
        ShardWindows windows = new ShardWindows(1);
        long start = time.getAsLong();
        windows.accepted(0, 1, 600_000, start);

        assertThat(windows.fits(0, 1, 600_000, start)).isFalse();
        assertThat(windows.nanosUntilFits(0, 600_000, start)).isEqualTo(SECOND);
        assertThat(windows.nanosUntilFits(0, 400_000, start)).isZero();
    }

    @Test
    void aThrottledShardWaitsForItsWindowToPass() {
        ShardWindows windows = new ShardWindows(1);
        long start = time.getAsLong();
        windows.accepted(0, 300, 3_000, start);
        windows.full(0, start + SECOND / 4);

        assertThat(windows.fits(0, 1, 1, start + SECOND / 4)).isFalse();
        // The 300 we sent leave first; the unknown rest of the shard's second a quarter second later.
        assertThat(windows.fits(0, 300, 1, start + SECOND)).isTrue();
        assertThat(windows.fits(0, 301, 1, start + SECOND)).isFalse();
        assertThat(windows.fits(0, 1_000, 1, start + SECOND + SECOND / 4)).isTrue();
    }

    @Test
    void retryBackoffBoundDoublesWithEachFailedAttemptUpToItsCap() {
        RetryPolicy policy = RetryPolicy.DEFAULT; // 100 ms, doubling, at most 10 s
        long[] expectedMillis = {100, 200, 400, 800, 1_600, 3_200, 6_400, 10_000, 10_000};
        for (int attempt = 1; attempt <= expectedMillis.length; attempt++) {
            assertThat(policy.backoff(attempt, HIGHEST).toMillis()).as("attempt %d", attempt)
                    .isEqualTo(expectedMillis[attempt - 1]);
            assertThat(policy.backoff(attempt, LOWEST)).isZero(); // full jitter: anywhere from zero
        }
        assertThat(policy.backoff(200, HIGHEST)).isEqualTo(Duration.ofSeconds(10)); // no overflow
    }

    @Test
    void retryBackoffIsSpreadOverItsWholeRange() {
        SplittableRandom random = new SplittableRandom(3);
        for (int attempt = 1; attempt <= 8; attempt++) {
            long bound = Math.min(10_000, 100L << (attempt - 1));
            long sum = 0;
            for (int i = 0; i < 200; i++) {
                long millis = RetryPolicy.DEFAULT.backoff(attempt, random).toMillis();
                assertThat(millis).isBetween(0L, bound);
                sum += millis;
            }
            assertThat(sum / 200.0).as("mean at attempt %d", attempt).isBetween(bound * 0.35, bound * 0.65);
        }
    }

    /** Draws the largest value a bounded draw allows, or the smallest. */
    private static final RandomGenerator HIGHEST = new Extreme(true);
    private static final RandomGenerator LOWEST = new Extreme(false);

    private record Extreme(boolean highest) implements RandomGenerator {
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException("only bounded draws");
        }

        @Override
        public long nextLong(long bound) {
            return highest ? bound - 1 : 0;
        }
    }
}
