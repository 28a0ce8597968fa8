package org.locationvisits.kinesis;

import java.time.Duration;

/**
 * When Kinesis counted a call's records against its shards' quotas: some moment between sending and the answer.
 * Taking the answer's time is always safe, but then every record holds its shard's window for a second plus
 * the call's latency, and at 100 ms per call a shard reaches only 1/1.1 of its capacity.
 *
 * <p>A call's time splits into the part before Kinesis counts the records and the part after. As long as one
 * of the two parts hardly varies between calls (the other takes the jitter), two records counted a second
 * apart on our side are a second apart at Kinesis too when each is stamped at its answer less the fastest call
 * seen so far (less a margin). The fastest call, less the margin, is never more than any call's latency, so stamps never
 * move before a call was sent; with calls of no latency (a test clock) this is exactly the answer's time.
 * The first calls of a process are slow (connections, class loading) in ways later calls are not, and a call
 * faster than every earlier one breaks the assumption: until {@link #WARM_UP_CALLS} calls came back, stamps are
 * the answers' times.
 */
final class CallTiming {
    /**
     * Slack for jitter between calls: 20 ms, or a fifth of the fastest call. Calls faster than that are mostly
     * CPU work on both ends, split any way between before and after counting, so they get no shift at all.
     */
    static final long MARGIN_NANOS = Duration.ofMillis(20).toNanos();

    static final int WARM_UP_CALLS = 16;

    private long fastest = Long.MAX_VALUE;
    private int calls;

    /** The stamp for records of a call sent at {@code sentAt} and answered at {@code answeredAt}. */
    long countedAt(long sentAt, long answeredAt) {
        long took = Math.max(0, answeredAt - sentAt);
        if (++calls <= WARM_UP_CALLS) {
            return answeredAt;
        }
        fastest = Math.min(fastest, took);
        return answeredAt - Math.max(0, fastest - Math.max(MARGIN_NANOS, fastest / 5));
    }

    /** The fastest call so far, for logs; zero before the first. */
    Duration fastest() {
        return fastest == Long.MAX_VALUE ? Duration.ZERO : Duration.ofNanos(fastest);
    }
}
