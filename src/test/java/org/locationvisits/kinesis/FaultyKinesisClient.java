package org.locationvisits.kinesis;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/**
 * The real client of a fake Kinesis, with failures the SDK raises on its own side (timeouts) put in front of
 * chosen PutRecords calls, an optional hold of the first calls until a given call has failed, and a count of
 * calls under way.
 */
final class FaultyKinesisClient implements KinesisClient {
    private final KinesisClient real;
    private final Deque<Supplier<RuntimeException>> nextFailures = new ArrayDeque<>();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger underWay = new AtomicInteger();
    private int failCall = -1;
    private Supplier<RuntimeException> failWith;
    private final CountDownLatch failed = new CountDownLatch(1);

    FaultyKinesisClient(KinesisClient real) {
        this.real = real;
    }

    /** The next PutRecords calls throw these, one each, without reaching Kinesis. */
    synchronized FaultyKinesisClient failNext(Supplier<RuntimeException> failure, int times) {
        for (int i = 0; i < times; i++) {
            nextFailures.add(failure);
        }
        return this;
    }

    /** PutRecords call number {@code call} (1-based) throws; every earlier one waits until it has. */
    synchronized FaultyKinesisClient failCallHoldingEarlierOnes(int call, Supplier<RuntimeException> failure) {
        failCall = call;
        failWith = failure;
        return this;
    }

    int underWay() {
        return underWay.get();
    }

    @Override
    public PutRecordsResponse putRecords(PutRecordsRequest request) {
        int number = started.incrementAndGet();
        underWay.incrementAndGet();
        try {
            Supplier<RuntimeException> failure;
            synchronized (this) {
                failure = nextFailures.poll();
            }
            if (failure != null) {
                throw failure.get();
            }
            if (number == failCall) {
                failed.countDown();
                throw failWith.get();
            }
            if (number < failCall) {
                failed.await();
            }
            return real.putRecords(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            underWay.decrementAndGet();
        }
    }

    @Override
    public ListShardsResponse listShards(ListShardsRequest request) {
        return real.listShards(request);
    }

    @Override
    public DescribeStreamSummaryResponse describeStreamSummary(DescribeStreamSummaryRequest request) {
        return real.describeStreamSummary(request);
    }

    @Override
    public String serviceName() {
        return real.serviceName();
    }

    @Override
    public void close() {
        // the fake closes its client
    }
}
