package org.locationvisits.kinesis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.locationvisits.common.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * Delivers entries to one Kinesis stream with PutRecords, for the embedded runner and the sink connector.
 * Re-sends only the entries a call did not accept, in their order, with exponential backoff and full
 * jitter, and paces calls to the stream's open-shard capacity. Not thread-safe: use one sending thread.
 */
public final class KinesisForwarder {
    private static final Logger log = LoggerFactory.getLogger(KinesisForwarder.class);
    /** DescribeStreamSummary allows 20 calls/s per account; a throttled backfill must not flood it. */
    private static final long SHARD_REFRESH_INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();

    private final KinesisClient client;
    private final StreamRef stream;
    private final int batchSize;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;
    private final RandomGenerator random;
    private final ShardPacer pacer;
    private long lastShardRefresh;
    private boolean shardsKnown;
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
        this.pacer = new ShardPacer(1, nanoTime, sleeper);
    }

    /**
     * Delivers all entries or throws. Entries keep their order, except that an entry Kinesis refused
     * is re-sent after later entries of the same call that it accepted.
     *
     * @throws KinesisDeliveryException when entries were still refused after the retries, or a call failed
     *                                  in a way retrying cannot fix (unknown stream, no permission)
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
            if (!shardsKnown) {
                refreshShards();
                shardsKnown = true;
                log.info("Kinesis stream {}: {} open shard(s), pacing to {} records/s and {} bytes/s", stream,
                        pacer.openShards(), pacer.maxRecordsPerSecond(), pacer.maxBytesPerSecond());
            }
            // A call bigger than a second's capacity would be throttled whatever the pacer does.
            List<List<KinesisEntry>> batches = RecordBatches.split(entries,
                    Math.min(batchSize, pacer.maxRecordsPerSecond()),
                    Math.min(RecordBatches.MAX_BYTES_PER_CALL, pacer.maxBytesPerSecond()));
            for (List<KinesisEntry> batch : batches) {
                if (!deliver(batch, entries.size())) {
                    throw failure(entries.size(), "after " + retry.maxAttempts() + " attempts", null);
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

    /** Sends one batch until Kinesis accepted all of it (true) or the attempts ran out (false). */
    private boolean deliver(List<KinesisEntry> batch, int sendSize) throws InterruptedException {
        List<KinesisEntry> pending = batch;
        for (int attempt = 1; ; attempt++) {
            long pendingBytes = RecordBatches.size(pending);
            pacedWait = pacedWait.plus(pacer.awaitCapacity(pending.size(), pendingBytes));
            calls++;
            retried += attempt > 1 ? pending.size() : 0;
            List<KinesisEntry> failed = new ArrayList<>();
            int throttledNow = 0;
            long callStart = nanoTime.getAsLong();
            try {
                List<PutRecordsResultEntry> results = client.putRecords(request(pending)).records();
                int acceptedNow = 0;
                long acceptedBytes = 0;
                for (int i = 0; i < pending.size(); i++) {
                    PutRecordsResultEntry result = results.get(i);
                    if (result.errorCode() == null) {
                        acceptedNow++;
                        acceptedBytes += RecordBatches.size(pending.get(i));
                    } else {
                        failed.add(pending.get(i));
                        throttledNow += KinesisErrors.THROTTLED.equals(result.errorCode()) ? 1 : 0;
                        lastError = result.errorCode() + ": " + result.errorMessage();
                    }
                }
                // Kinesis counts only accepted records against a shard's quota.
                pacer.recordSent(acceptedNow, acceptedBytes);
                records += acceptedNow;
                bytes += acceptedBytes;
            } catch (SdkException e) {
                if (!KinesisErrors.retryable(e)) {
                    throw failure(sendSize, "", e);
                }
                failed = pending;
                throttledNow = KinesisErrors.throttling(e) ? pending.size() : 0;
                lastError = KinesisErrors.describe(e);
            }
            throttled += throttledNow;
            log.debug("PutRecords to {}: {} entries, {} bytes, {} refused, {} ms", stream, pending.size(),
                    pendingBytes, failed.size(), (nanoTime.getAsLong() - callStart) / 1_000_000);
            if (failed.isEmpty() || attempt >= retry.maxAttempts()) {
                return failed.isEmpty();
            }
            if (throttledNow > 0 && nanoTime.getAsLong() - lastShardRefresh >= SHARD_REFRESH_INTERVAL_NANOS) {
                refreshShards(); // the stream may have been resharded since we started
            }
            Duration backoff = retry.backoff(attempt, random);
            log.warn("Kinesis stream {}: {} of {} entries not accepted ({}); re-sending them in {} ms"
                    + " (attempt {} of {})", stream, failed.size(), pending.size(), lastError, backoff.toMillis(),
                    attempt + 1, retry.maxAttempts());
            sleeper.sleep(backoff);
            pending = failed;
        }
    }

    private PutRecordsRequest request(List<KinesisEntry> entries) {
        List<PutRecordsRequestEntry> requestEntries = new ArrayList<>(entries.size());
        for (KinesisEntry entry : entries) {
            requestEntries.add(PutRecordsRequestEntry.builder()
                    .partitionKey(entry.partitionKey())
                    .data(SdkBytes.fromByteArrayUnsafe(entry.data()))
                    .build());
        }
        return stream.addTo(PutRecordsRequest.builder().records(requestEntries)).build();
    }

    private void refreshShards() {
        lastShardRefresh = nanoTime.getAsLong();
        try {
            int shards = client.describeStreamSummary(stream.describeRequest())
                    .streamDescriptionSummary().openShardCount();
            if (shards != pacer.openShards()) {
                log.info("Kinesis stream {}: open shards {} -> {}", stream, pacer.openShards(), shards);
                pacer.setOpenShards(shards);
            }
        } catch (SdkException e) {
            if (e instanceof ResourceNotFoundException) {
                throw e;
            }
            // Pacing is an optimisation; without the permission we pace for the shards we know of.
            log.warn("Kinesis stream {}: could not read its open shard count ({}); pacing for {} shard(s)."
                    + " Grant kinesis:DescribeStreamSummary to send at the stream's full capacity.", stream,
                    KinesisErrors.describe(e), pacer.openShards());
        }
    }

    private KinesisDeliveryException failure(int sendSize, String when, Throwable cause) {
        int undelivered = sendSize - (int) records;
        String error = cause instanceof SdkException sdk ? KinesisErrors.describe(sdk) : lastError;
        return new KinesisDeliveryException(undelivered + " of " + sendSize
                + " entries were not delivered to Kinesis stream '" + stream + "'" + (when.isEmpty() ? "" : " " + when)
                + "; last error: " + error, undelivered, sendSize, cause);
    }
}
