package org.locationvisits.kinesis;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How often and how patiently the forwarder re-sends entries Kinesis did not accept. Errors (InternalFailure,
 * 5xx, I/O, timeouts) are counted in attempts and backed off with full jitter (a random wait between zero and
 * the exponential bound), which keeps many senders from retrying in lockstep. Throttling is not an error: a
 * throttled entry waits for its shard's next second, and only time bounds that.
 *
 * @param maxAttempts      calls per entry that may fail with an error, the first one included
 * @param baseBackoff      the bound after the first failed attempt; doubles with each further one
 * @param maxBackoff       the bound never exceeds this
 * @param maxThrottledWait how long a send may go on being throttled without Kinesis accepting any entry
 */
public record RetryPolicy(int maxAttempts, Duration baseBackoff, Duration maxBackoff, Duration maxThrottledWait) {
    public static final Duration DEFAULT_MAX_THROTTLED_WAIT = Duration.ofMinutes(2);
    public static final RetryPolicy DEFAULT = new RetryPolicy(8, Duration.ofMillis(100), Duration.ofSeconds(10));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (baseBackoff == null || baseBackoff.isNegative() || baseBackoff.isZero()) {
            throw new IllegalArgumentException("baseBackoff must be positive, was " + baseBackoff);
        }
        if (maxBackoff == null || maxBackoff.compareTo(baseBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must be at least baseBackoff, was " + maxBackoff);
        }
        if (maxThrottledWait == null || maxThrottledWait.isNegative()) {
            throw new IllegalArgumentException("maxThrottledWait must be zero or more, was " + maxThrottledWait);
        }
    }

    /** A policy that bounds throttling by {@link #DEFAULT_MAX_THROTTLED_WAIT}. */
    public RetryPolicy(int maxAttempts, Duration baseBackoff, Duration maxBackoff) {
        this(maxAttempts, baseBackoff, maxBackoff, DEFAULT_MAX_THROTTLED_WAIT);
    }

    public RetryPolicy withMaxThrottledWait(Duration wait) {
        return new RetryPolicy(maxAttempts, baseBackoff, maxBackoff, wait);
    }

    /** The wait after {@code failedAttempts} failed calls (1 = after the first call failed). */
    public Duration backoff(int failedAttempts, RandomGenerator random) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
        long bound = Math.min(maxBackoff.toNanos(), baseBackoff.toNanos() << doublings);
        if (bound <= 0 || bound > maxBackoff.toNanos()) {
            bound = maxBackoff.toNanos(); // shifted past Long.MAX_VALUE
        }
        return Duration.ofNanos(random.nextLong(bound + 1));
    }
}
