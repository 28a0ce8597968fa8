package org.locationvisits.kinesis;

import java.time.Duration;

/**
 * What a {@link KinesisForwarder} did, for logs and benchmarks.
 *
 * @param records          entries Kinesis accepted
 * @param bytes            their data plus partition key bytes (what shard quotas count)
 * @param calls            PutRecords calls, failed ones included
 * @param retriedEntries   entries sent again after a failure
 * @param throttledEntries entries refused for exceeding shard throughput
 * @param pacedWait        time spent waiting for shard capacity before calls
 * @param elapsed          wall time of the send calls
 */
public record SendStats(long records, long bytes, long calls, long retriedEntries, long throttledEntries,
                        Duration pacedWait, Duration elapsed) {
    public static final SendStats ZERO = new SendStats(0, 0, 0, 0, 0, Duration.ZERO, Duration.ZERO);

    public SendStats plus(SendStats other) {
        return new SendStats(records + other.records, bytes + other.bytes, calls + other.calls,
                retriedEntries + other.retriedEntries, throttledEntries + other.throttledEntries,
                pacedWait.plus(other.pacedWait), elapsed.plus(other.elapsed));
    }
}
