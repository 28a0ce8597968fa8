package org.locationvisits.kinesis;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;
import org.locationvisits.common.Sleeper;

/**
 * Keeps a stream's writes within its provisioned throughput (per open shard 1,000 records/s and
 * 1 MiB/s), so a backfill runs at the stream's capacity instead of being throttled and backing off.
 *
 * <p>A sliding one-second log rather than a refilling bucket: a bucket admits its burst plus a second's
 * refill within one second, which Kinesis's per-second accounting refuses. The limit is the stream
 * total; keys that hash unevenly over shards can still be throttled, and the forwarder's retries cover that.
 * Not thread-safe: one forwarder, one sending thread.
 */
public final class ShardPacer {
    public static final int RECORDS_PER_SHARD_SECOND = 1_000;
    public static final long BYTES_PER_SHARD_SECOND = 1L << 20;
    private static final long WINDOW_NANOS = Duration.ofSeconds(1).toNanos();

    private record Sent(long atNanos, int records, long bytes) {
    }

    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final ArrayDeque<Sent> window = new ArrayDeque<>();
    private int openShards;
    private long windowRecords;
    private long windowBytes;

    public ShardPacer(int openShards, LongSupplier nanoTime, Sleeper sleeper) {
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        setOpenShards(openShards);
    }

    public void setOpenShards(int openShards) {
        if (openShards < 1) {
            throw new IllegalArgumentException("a stream has at least one open shard, got " + openShards);
        }
        this.openShards = openShards;
    }

    public int openShards() {
        return openShards;
    }

    public int maxRecordsPerSecond() {
        return openShards * RECORDS_PER_SHARD_SECOND;
    }

    public long maxBytesPerSecond() {
        return openShards * BYTES_PER_SHARD_SECOND;
    }

    /**
     * Waits until sending {@code records} entries of {@code bytes} keeps the last second within the
     * stream's capacity. A call larger than one second's capacity waits for an empty window.
     *
     * @return how long it waited
     */
    public Duration awaitCapacity(int records, long bytes) throws InterruptedException {
        long start = nanoTime.getAsLong();
        long now = start;
        expire(now);
        while (!window.isEmpty()
                && (windowRecords + records > maxRecordsPerSecond() || windowBytes + bytes > maxBytesPerSecond())) {
            long waitNanos = window.peekFirst().atNanos() + WINDOW_NANOS - now;
            // Whole milliseconds rounded up: Sleeper.SYSTEM sleeps in millis and must not spin on 0 ms.
            sleeper.sleep(Duration.ofMillis(Math.max(1, (waitNanos + 999_999) / 1_000_000)));
            now = nanoTime.getAsLong();
            expire(now);
        }
        return Duration.ofNanos(now - start);
    }

    /**
     * Counts a call that was sent. Stamped when the answer arrived, the latest moment Kinesis can have
     * counted it, so clock differences make the pacer err on the slow side.
     */
    public void recordSent(int records, long bytes) {
        window.addLast(new Sent(nanoTime.getAsLong(), records, bytes));
        windowRecords += records;
        windowBytes += bytes;
    }

    private void expire(long now) {
        while (!window.isEmpty() && now - window.peekFirst().atNanos() >= WINDOW_NANOS) {
            Sent old = window.removeFirst();
            windowRecords -= old.records();
            windowBytes -= old.bytes();
        }
    }
}
