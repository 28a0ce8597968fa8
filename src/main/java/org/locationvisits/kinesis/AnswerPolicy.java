package org.locationvisits.kinesis;

import java.time.Duration;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What a send does after a PutRecords answer: go on, hold the refused entries' shards until a backoff is over,
 * wait for the throttled shards' windows, or fail. Errors (InternalFailure, 5xx, I/O) use up attempts;
 * throttling does not, but a send throttled for {@link RetryPolicy#maxThrottledWait()} without any entry
 * accepted fails. One per send: it remembers since when answers brought only throttling.
 */
final class AnswerPolicy {
    /** The decision about one answer. */
    sealed interface Decision permits Accept, RetryAt, Throttle, Fail {
    }

    /** Everything was accepted. */
    record Accept() implements Decision {
    }

    /**
     * Some entries failed with an error: their shards wait until {@code atNanos} ({@code backoff} from the
     * answer), the next call being attempt {@code attempt}; {@code refreshShards} as for {@link Throttle}.
     */
    record RetryAt(long atNanos, Duration backoff, int attempt, boolean refreshShards) implements Decision {
    }

    /**
     * Only throttling refused entries (their shards' windows are full now); {@code refreshShards} when the send
     * should read the stream's shards again, in case it was resharded.
     */
    record Throttle(boolean refreshShards) implements Decision {
    }

    /** The send fails: {@code when} says why for the message, {@code cause} is the call's error if any. */
    record Fail(String when, SdkException cause) implements Decision {
    }

    private final RetryPolicy retry;
    private final RandomGenerator random;
    /** Since when answers brought only throttling and no accepted entry; -1 while entries get through. */
    private long throttledSince = -1;

    AnswerPolicy(RetryPolicy retry, RandomGenerator random) {
        this.retry = retry;
        this.random = random;
    }

    /**
     * Decides about a call that came back at {@code now}, after {@link PutRecordsCall#settle} when it had no
     * fatal error; {@code refreshDue} whether the shards may be read again yet (they are rate-limited).
     */
    Decision decide(PutRecordsCall call, long now, boolean refreshDue) {
        SdkException fatal = call.fatalError();
        if (fatal != null) {
            return new Fail(KinesisErrors.advice(fatal), fatal);
        }
        if (call.acceptedRecords() > 0) {
            throttledSince = -1;
        } else if (call.throttled() > 0) {
            throttledSince = throttledSince < 0 ? now : throttledSince;
        }
        int failures = call.mostFailures();
        if (call.realError() && failures >= retry.maxAttempts()) {
            return new Fail("after " + retry.maxAttempts() + " attempts", null);
        }
        if (throttledSince >= 0 && call.acceptedRecords() == 0 && call.throttled() > 0) {
            Duration throttledFor = Duration.ofNanos(now - throttledSince);
            if (throttledFor.compareTo(retry.maxThrottledWait()) >= 0) {
                return new Fail("after Kinesis throttled them for " + throttledFor.toSeconds() + " s without"
                        + " accepting any (the stream's shards are busy, e.g. with another producer: add shards, or"
                        + " allow a longer throttled wait than " + retry.maxThrottledWait().toSeconds() + " s)", null);
            }
        }
        // Throttled despite pacing: the stream may have been resharded.
        boolean refresh = call.throttled() > 0 && refreshDue;
        if (call.realError()) {
            Duration backoff = retry.backoff(failures, random);
            return new RetryAt(now + backoff.toNanos(), backoff, failures + 1, refresh);
        }
        return call.throttled() > 0 ? new Throttle(refresh) : new Accept();
    }

    int maxAttempts() {
        return retry.maxAttempts();
    }
}
