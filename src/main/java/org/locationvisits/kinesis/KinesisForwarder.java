package org.locationvisits.kinesis;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.locationvisits.common.Sleeper;
import org.locationvisits.kinesis.PendingEntries.Item;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * Delivers entries to one Kinesis stream with PutRecords, for the embedded runner and the sink connector.
 * Paces each open shard to its own throughput, so a backfill runs at the stream's capacity instead of
 * being throttled; entries a call did not accept go back in front of the pending ones and ride along in
 * the next call. Not thread-safe: use one sending thread.
 */
public final class KinesisForwarder {
    private static final Logger log = LoggerFactory.getLogger(KinesisForwarder.class);
    /** ListShards and DescribeStreamSummary are rate-limited per account; a throttled send must not flood them. */
    private static final long SHARD_REFRESH_INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();

    private final KinesisClient client;
    private final StreamRef stream;
    private final int batchSize;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;
    private final RandomGenerator random;
    private final ShardDiscovery discovery;
    private ShardMap shards;
    private ShardWindows windows;
    private long lastShardRefresh;
    private SendStats lastSend = SendStats.ZERO;
    private SendStats total = SendStats.ZERO;
    // Counters of the send in progress.
    private long records, bytes, calls, retried, throttled;
    private Duration pacedWait = Duration.ZERO;
    private String lastError;

    public KinesisForwarder(KinesisClient client, String stream, int batchSize) {
        this(client, stream, batchSize, RetryPolicy.DEFAULT, Sleeper.SYSTEM, System::nanoTime,
                RandomGenerator.getDefault());
    }

    /**
     * @param stream    a stream name, or a stream ARN {@code arn:aws:kinesis:REGION:ACCOUNT:stream/NAME}
     * @param batchSize most records per PutRecords call, 1 to 500
     * @param nanoTime  a monotonic clock in nanoseconds, {@code System::nanoTime} outside tests
     */
    public KinesisForwarder(KinesisClient client, String stream, int batchSize, RetryPolicy retry,
                            Sleeper sleeper, LongSupplier nanoTime, RandomGenerator random) {
        if (batchSize < 1 || batchSize > RecordBatches.MAX_RECORDS_PER_CALL) {
            throw new IllegalArgumentException("batch size must be 1 to " + RecordBatches.MAX_RECORDS_PER_CALL
                    + " (the PutRecords limit), was " + batchSize);
        }
        this.stream = StreamRef.parse(stream);
        this.client = client;
        this.batchSize = batchSize;
        this.retry = retry;
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
        this.random = random;
        this.discovery = new ShardDiscovery(client, this.stream);
    }

    /**
     * Delivers all entries or throws. Entries of one shard keep their order, except that an entry Kinesis
     * refused is re-sent after later entries of the same call that it accepted.
     *
     * @throws KinesisDeliveryException when an entry was still refused after {@link RetryPolicy#maxAttempts()}
     *                                  calls, or a call failed in a way retrying cannot fix (unknown stream,
     *                                  no permission)
     * @throws IllegalArgumentException when an entry exceeds a Kinesis limit; nothing is sent then
     */
    public void send(List<KinesisEntry> entries) {
        RecordBatches.validate(entries);
        if (entries.isEmpty()) {
            lastSend = SendStats.ZERO;
            return; // a day without rows must not need Kinesis to be reachable
        }
        long start = nanoTime.getAsLong();
        records = bytes = calls = retried = throttled = 0;
        pacedWait = Duration.ZERO;
        lastError = null;
        try {
            if (shards == null) {
                useShards(discovery.read(ShardMap.equalSplit(1)));
                log.info("Kinesis stream {}: {} open shard(s), pacing each to {} records/s and {} bytes/s"
                        + " ({} records/s in all)", stream, shards.size(), ShardWindows.RECORDS_PER_SHARD_SECOND,
                        ShardWindows.BYTES_PER_SHARD_SECOND, shards.size() * ShardWindows.RECORDS_PER_SHARD_SECOND);
            }
            PendingEntries pending = new PendingEntries(entries, shards);
            while (!pending.isEmpty()) {
                List<Item> call = pending.nextCall(windows, batchSize, RecordBatches.MAX_BYTES_PER_CALL,
                        nanoTime.getAsLong());
                if (call.isEmpty()) {
                    awaitRoom(pending);
                } else {
                    put(call, pending, entries.size());
                }
            }
        } catch (ResourceNotFoundException e) {
            throw failure(entries.size(), "(check the stream name or ARN and the region)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(entries.size(), "because the send was interrupted", e);
        } finally {
            lastSend = new SendStats(records, bytes, calls, retried, throttled, pacedWait,
                    Duration.ofNanos(nanoTime.getAsLong() - start));
            total = total.plus(lastSend);
        }
    }

    /** What the last {@link #send} call did, also when it threw. */
    public SendStats lastSend() {
        return lastSend;
    }

    /** Everything this forwarder sent since it was created. */
    public SendStats total() {
        return total;
    }

    private void awaitRoom(PendingEntries pending) throws InterruptedException {
        long waitNanos = pending.nanosUntilRoom(windows, nanoTime.getAsLong());
        // Whole milliseconds rounded up: Sleeper.SYSTEM sleeps in millis and must not spin on 0 ms.
        Duration wait = Duration.ofMillis(Math.max(1, (waitNanos + 999_999) / 1_000_000));
        sleeper.sleep(wait);
        pacedWait = pacedWait.plus(wait);
    }

    /** One PutRecords call; what it did not accept goes back to the front of {@code pending}. */
    private void put(List<Item> items, PendingEntries pending, int sendSize) throws InterruptedException {
        calls++;
        for (Item item : items) {
            retried += item.attempts++ > 0 ? 1 : 0;
        }
        PutRecordsCall call = new PutRecordsCall(items);
        long callStart = nanoTime.getAsLong();
        try {
            call.answered(client.putRecords(call.request(stream)).records(), windows, nanoTime.getAsLong());
        } catch (SdkException e) {
            if (!KinesisErrors.retryable(e)) {
                throw failure(sendSize, "", e);
            }
            call.failed(e);
        }
        records += call.acceptedRecords();
        bytes += call.acceptedBytes();
        throttled += call.throttled();
        lastError = call.lastError() != null ? call.lastError() : lastError;
        List<Item> refused = call.refused();
        log.debug("PutRecords to {}: {} entries, {} refused ({} throttled), {} ms", stream, items.size(),
                refused.size(), call.throttled(), (nanoTime.getAsLong() - callStart) / 1_000_000);
        int attempts = call.mostAttempts();
        if (attempts >= retry.maxAttempts()) {
            throw failure(sendSize, "after " + retry.maxAttempts() + " attempts", null);
        }
        pending.putBack(refused);
        if (call.throttled() > 0 && nanoTime.getAsLong() - lastShardRefresh >= SHARD_REFRESH_INTERVAL_NANOS) {
            refreshShards(pending); // throttled despite pacing: the stream may have been resharded
        }
        // Throttled entries wait in their shard's window; only errors and calls that got nothing through back off.
        if (call.realError() || refused.size() == items.size()) {
            Duration backoff = retry.backoff(attempts, random);
            if (call.realError()) {
                log.warn("Kinesis stream {}: {} of {} entries not accepted ({}); re-sending them in {} ms"
                        + " (attempt {} of {})", stream, refused.size(), items.size(), lastError, backoff.toMillis(),
                        attempts + 1, retry.maxAttempts());
            }
            sleeper.sleep(backoff);
        }
    }

    private void refreshShards(PendingEntries pending) {
        lastShardRefresh = nanoTime.getAsLong();
        ShardMap now = discovery.read(shards);
        if (!now.equals(shards)) {
            log.info("Kinesis stream {}: open shards {} -> {}", stream, shards.size(), now.size());
            useShards(now);
            pending.reassign(now);
        }
    }

    private void useShards(ShardMap map) {
        shards = map;
        windows = new ShardWindows(map.size());
        lastShardRefresh = nanoTime.getAsLong();
    }

    private KinesisDeliveryException failure(int sendSize, String when, Throwable cause) {
        int undelivered = sendSize - (int) records;
        String error = cause instanceof SdkException sdk ? KinesisErrors.describe(sdk) : lastError;
        return new KinesisDeliveryException(undelivered + " of " + sendSize
                + " entries were not delivered to Kinesis stream '" + stream + "'" + (when.isEmpty() ? "" : " " + when)
                + "; last error: " + error, undelivered, sendSize, cause);
    }
}
