package org.locationvisits.kinesis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.locationvisits.common.Sleeper;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Delivers entries to one Kinesis stream with PutRecords, for the embedded runner and the sink connector.
 * Paces each open shard to its own throughput, so a backfill runs at the stream's capacity instead of being
 * throttled, and keeps up to {@code maxCallsInFlight} calls under way at once, at most one per shard, so call
 * latency does not cap throughput and each shard's entries stay in order. Entries a call did not accept go back
 * in front of their shard's pending ones and ride along in its next call.
 *
 * <p>Memory: beyond the caller's list, at most {@code maxCallsInFlight} requests exist at once, each at most
 * 500 records and 5 MiB, and (one call per shard, each fitting its shard's 1 MiB/s window) at most 1 MiB per
 * shard. {@link #send} is not for concurrent use: call it from one thread at a time.
 */
public final class KinesisForwarder implements AutoCloseable {
    /** Enough for 32 shards at 100 ms per call; each sending thread mostly waits on the network. */
    public static final int DEFAULT_MAX_CALLS_IN_FLIGHT = 16;
    private static final AtomicInteger THREADS = new AtomicInteger();

    final KinesisClient client;
    final StreamRef stream;
    final int batchSize;
    final int maxCallsInFlight;
    final RetryPolicy retry;
    final Sleeper sleeper;
    final LongSupplier nanoTime;
    final RandomGenerator random;
    final StreamShards shards;
    final CallTiming timing = new CallTiming();
    final ThreadPoolExecutor executor;
    private volatile SendStats lastSend = SendStats.ZERO;
    private volatile SendStats total = SendStats.ZERO;
    /** The send under way, so that {@link #total()} counts a long one (a sink's) while it runs. */
    private volatile SendLoop current;
    private volatile long currentStart;

    public KinesisForwarder(KinesisClient client, String stream, int batchSize) {
        this(client, stream, batchSize, RetryPolicy.DEFAULT, Sleeper.SYSTEM, System::nanoTime,
                RandomGenerator.getDefault());
    }

    public KinesisForwarder(KinesisClient client, String stream, int batchSize, RetryPolicy retry,
                            Sleeper sleeper, LongSupplier nanoTime, RandomGenerator random) {
        this(client, stream, batchSize, DEFAULT_MAX_CALLS_IN_FLIGHT, retry, sleeper, nanoTime, random);
    }

    /**
     * @param stream           a stream name, or a stream ARN {@code arn:aws:kinesis:REGION:ACCOUNT:stream/NAME}
     * @param batchSize        most records per PutRecords call, 1 to 500
     * @param maxCallsInFlight most PutRecords calls under way at once, 1 to 256
     * @param nanoTime         a monotonic clock in nanoseconds, {@code System::nanoTime} outside tests
     */
    public KinesisForwarder(KinesisClient client, String stream, int batchSize, int maxCallsInFlight,
                            RetryPolicy retry, Sleeper sleeper, LongSupplier nanoTime, RandomGenerator random) {
        if (batchSize < 1 || batchSize > RecordBatches.MAX_RECORDS_PER_CALL) {
            throw new IllegalArgumentException("batch size must be 1 to " + RecordBatches.MAX_RECORDS_PER_CALL
                    + " (the PutRecords limit), was " + batchSize);
        }
        if (maxCallsInFlight < 1 || maxCallsInFlight > 256) {
            throw new IllegalArgumentException("calls in flight must be 1 to 256, was " + maxCallsInFlight);
        }
        this.stream = StreamRef.parse(stream);
        this.client = client;
        this.batchSize = batchSize;
        this.maxCallsInFlight = maxCallsInFlight;
        this.retry = retry;
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
        this.random = random;
        this.shards = new StreamShards(new ShardDiscovery(client, this.stream), this.stream, nanoTime);
        this.executor = new ThreadPoolExecutor(maxCallsInFlight, maxCallsInFlight, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads());
        executor.allowCoreThreadTimeOut(true); // an idle forwarder (a daily job between runs) keeps no threads
    }

    /**
     * Delivers all entries or throws. Entries of one shard keep their order, except that an entry Kinesis
     * refused is re-sent after later entries of the same call that it accepted.
     *
     * @throws KinesisDeliveryException when an entry still failed after {@link RetryPolicy#maxAttempts()} calls
     *                                  with errors, Kinesis throttled the send for longer than
     *                                  {@link RetryPolicy#maxThrottledWait()} without accepting anything, or a
     *                                  call failed in a way retrying cannot fix (unknown stream, no permission).
     *                                  No call of this send is under way any more when it is thrown (unless
     *                                  the send was interrupted).
     * @throws IllegalArgumentException when an entry exceeds a Kinesis limit; nothing is sent then
     */
    public void send(List<KinesisEntry> entries) {
        RecordBatches.validate(entries);
        if (entries.isEmpty()) {
            lastSend = SendStats.ZERO;
            return; // a day without rows must not need Kinesis to be reachable
        }
        run(new SendLoop(this, new OneBatch(entries), entries.size()));
    }

    /**
     * Delivers the source's batches, taking the next while the last calls of the one before are still out
     * (at most {@link SendLoop#OPEN_BATCHES} batches undelivered at once), and reports each batch delivered, in
     * order, once Kinesis accepted all of it. Returns when the source is exhausted and everything taken was
     * delivered; throws as {@link #send(List)} does, or what the source or a batch's callback threw, in both
     * cases only when no call of this send is under way any more (unless interrupted). Batches reported
     * delivered before stay delivered; the others were not, wholly or in part.
     */
    public void send(BatchSource batches) {
        run(new SendLoop(this, batches, 0));
    }

    private void run(SendLoop loop) {
        long start = nanoTime.getAsLong();
        currentStart = start;
        current = loop;
        try {
            loop.run();
        } finally {
            current = null;
            lastSend = loop.stats(Duration.ofNanos(nanoTime.getAsLong() - start));
            total = total.plus(lastSend);
        }
    }

    /** The source of {@link #send(List)}: one batch, with nothing to do once it is delivered. */
    private static final class OneBatch implements BatchSource {
        private List<KinesisEntry> entries;

        OneBatch(List<KinesisEntry> entries) {
            this.entries = entries;
        }

        @Override
        public Batch next(long nanos) {
            Batch batch = entries == null ? null : new Batch(entries, () -> { });
            entries = null;
            return batch;
        }

        @Override
        public boolean exhausted() {
            return entries == null;
        }
    }

    /** What the last {@link #send} call did, also when it threw. */
    public SendStats lastSend() {
        return lastSend;
    }

    /** Everything this forwarder sent since it was created, the send under way included; any thread may ask. */
    public SendStats total() {
        SendLoop live = current;
        return live == null ? total : total.plus(live.stats(Duration.ofNanos(nanoTime.getAsLong() - currentStart)));
    }

    /** Lets the sending threads end; they also end on their own after 30 idle seconds. */
    @Override
    public void close() {
        executor.shutdown();
    }

    private ThreadFactory daemonThreads() {
        return task -> {
            Thread thread = new Thread(task, "kinesis-put-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
