package org.locationvisits.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
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
    void retryBackoffGrowsExponentiallyWithinItsCap() {
        RetryPolicy policy = RetryPolicy.DEFAULT;
        SplittableRandom random = new SplittableRandom(3);
        for (int attempt = 1; attempt < 40; attempt++) {
            long bound = Math.min(10_000, 100L << Math.min(attempt - 1, 20));
            for (int i = 0; i < 50; i++) {
                assertThat(policy.backoff(attempt, random).toMillis()).isBetween(0L, bound);
            }
        }
    }
}
