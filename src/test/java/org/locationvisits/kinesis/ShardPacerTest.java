package org.locationvisits.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locationvisits.kinesis.fake.FakeTime;

class ShardPacerTest {
    private final FakeTime time = new FakeTime();

    @Test
    void neverLetsOneSecondHoldMoreThanTheShardsCapacity() throws InterruptedException {
        ShardPacer pacer = new ShardPacer(2, time, time);
        long[] sentAt = new long[20];
        for (int i = 0; i < sentAt.length; i++) {
            pacer.awaitCapacity(500, 1_000);
            sentAt[i] = time.getAsLong();
            pacer.recordSent(500, 1_000);
        }
        // 2 shards = 2,000 records/s: at most four calls of 500 in any one-second span.
        for (int i = 4; i < sentAt.length; i++) {
            assertThat(sentAt[i] - sentAt[i - 4]).isGreaterThanOrEqualTo(Duration.ofSeconds(1).toNanos());
        }
        assertThat(time.slept()).isBetween(Duration.ofSeconds(4), Duration.ofMillis(4_100));
    }

    @Test
    void limitsBytesPerSecond() throws InterruptedException {
        ShardPacer pacer = new ShardPacer(1, time, time);
        for (int i = 0; i < 4; i++) {
            pacer.awaitCapacity(1, 600_000);
            pacer.recordSent(1, 600_000);
        }
        assertThat(time.slept()).isBetween(Duration.ofSeconds(3), Duration.ofMillis(3_100));
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
