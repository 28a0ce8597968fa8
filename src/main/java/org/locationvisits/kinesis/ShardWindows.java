package org.locationvisits.kinesis;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * What each shard took in the last second, so calls carry only entries their shard still has room for
 * (per open shard 1,000 records/s and 1 MiB/s). Kinesis counts only accepted records.
 *
 * <p>A sliding one-second log rather than a refilling bucket: a bucket admits its burst plus a second's
 * refill within one second, which Kinesis's per-second accounting refuses. Not thread-safe.
 */
final class ShardWindows {
    static final int RECORDS_PER_SHARD_SECOND = 1_000;
    static final long BYTES_PER_SHARD_SECOND = 1L << 20;
    private static final long WINDOW_NANOS = Duration.ofSeconds(1).toNanos();

    private record Taken(long atNanos, long records, long bytes) {
    }

    private final ArrayDeque<Taken>[] logs;
    private final long[] records;
    private final long[] bytes;

    @SuppressWarnings("unchecked")
    ShardWindows(int shards) {
        logs = new ArrayDeque[shards];
        for (int i = 0; i < shards; i++) {
            logs[i] = new ArrayDeque<>();
        }
        records = new long[shards];
        bytes = new long[shards];
    }

    int shards() {
        return logs.length;
    }

    /** Whether the shard can take {@code moreRecords} of {@code moreBytes} on top of its last second now. */
    boolean fits(int shard, long moreRecords, long moreBytes, long now) {
        expire(shard, now);
        return records[shard] + moreRecords <= RECORDS_PER_SHARD_SECOND
                && bytes[shard] + moreBytes <= BYTES_PER_SHARD_SECOND;
    }

    /** Nanoseconds from {@code now} until the shard can take one record of {@code size} bytes. */
    long nanosUntilFits(int shard, long size, long now) {
        expire(shard, now);
        long keptRecords = records[shard];
        long keptBytes = bytes[shard];
        for (Taken taken : logs[shard]) {
            if (keptRecords + 1 <= RECORDS_PER_SHARD_SECOND && keptBytes + size <= BYTES_PER_SHARD_SECOND) {
                break;
            }
            keptRecords -= taken.records();
            keptBytes -= taken.bytes();
            if (keptRecords + 1 <= RECORDS_PER_SHARD_SECOND && keptBytes + size <= BYTES_PER_SHARD_SECOND) {
                return taken.atNanos() + WINDOW_NANOS - now;
            }
        }
        return 0;
    }

    /**
     * Counts records the shard accepted at {@code at}: the moment the caller believes Kinesis counted them
     * (see {@code CallTiming}). Never earlier than what the shard already holds, so the log stays in order.
     */
    void accepted(int shard, long acceptedRecords, long acceptedBytes, long at) {
        if (acceptedRecords > 0) {
            Taken last = logs[shard].peekLast();
            long stamp = last == null ? at : Math.max(at, last.atNanos());
            logs[shard].addLast(new Taken(stamp, acceptedRecords, acceptedBytes));
            records[shard] += acceptedRecords;
            bytes[shard] += acceptedBytes;
        }
    }

    /**
     * Kinesis throttled the shard although the log had room: another producer writes to it, or our shard
     * map is stale. Treat its last second as full, so its entries wait for room instead of being refused again.
     */
    void full(int shard, long now) {
        expire(shard, now);
        long missingRecords = Math.max(0, RECORDS_PER_SHARD_SECOND - records[shard]);
        long missingBytes = Math.max(0, BYTES_PER_SHARD_SECOND - bytes[shard]);
        logs[shard].addLast(new Taken(now, missingRecords, missingBytes));
        records[shard] += missingRecords;
        bytes[shard] += missingBytes;
    }

    private void expire(int shard, long now) {
        ArrayDeque<Taken> log = logs[shard];
        while (!log.isEmpty() && now - log.peekFirst().atNanos() >= WINDOW_NANOS) {
            Taken old = log.removeFirst();
            records[shard] -= old.records();
            bytes[shard] -= old.bytes();
        }
    }
}
