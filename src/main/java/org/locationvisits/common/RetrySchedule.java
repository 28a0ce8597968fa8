package org.locationvisits.common;

import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * How many attempts to make in all and how long to wait before each further one: the one retry vocabulary of
 * the ShopperTrak client and the schema fetch. The waits are the AWS SDK's {@link BackoffStrategy} (already
 * ours through the Kinesis client), without jitter, so they are the exact, logged durations; the waiting itself
 * goes through a {@link Sleeper}, so tests never sleep.
 *
 * @param attempts attempts in all, at least 1
 * @param backoff  the wait before attempt n, n counted from 1 (so n = 2 is the first retry)
 */
public record RetrySchedule(int attempts, BackoffStrategy backoff) {

    public RetrySchedule {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        Objects.requireNonNull(backoff, "backoff");
    }

    /** Waits {@code delay} before every retry. */
    public static RetrySchedule fixed(int attempts, Duration delay) {
        return new RetrySchedule(attempts, positive(delay) ? BackoffStrategy.fixedDelayWithoutJitter(delay)
                : BackoffStrategy.retryImmediately());
    }

    /** Waits {@code first} before the first retry, then twice as long before each further one, at most {@code maxDoublings} times. */
    public static RetrySchedule exponential(int attempts, Duration first, int maxDoublings) {
        return new RetrySchedule(attempts, positive(first)
                ? BackoffStrategy.exponentialDelayWithoutJitter(first, first.multipliedBy(1L << maxDoublings))
                : BackoffStrategy.retryImmediately());
    }

    /** Whether another attempt follows {@code made} attempts that failed. */
    public boolean allowsAfter(int made) {
        return made < attempts;
    }

    /** The wait before attempt {@code attempt} (2 for the first retry). */
    public Duration delayBefore(int attempt) {
        return backoff.computeDelay(attempt);
    }

    /** The SDK's strategies refuse a zero delay; zero means retrying at once. */
    private static boolean positive(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("a retry delay must be zero or positive, was " + delay);
        }
        return !delay.isZero();
    }
}
