package org.locationvisits.kinesis;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/** The fake's client with a hook before each PutRecords call (it may block or throw) and a count of calls under way. */
public final class HookedKinesisClient implements KinesisClient {
    private final KinesisClient real;
    private final Consumer<PutRecordsRequest> hook;
    private final AtomicInteger underWay = new AtomicInteger();

    public HookedKinesisClient(KinesisClient real, Consumer<PutRecordsRequest> hook) {
        this.real = real;
        this.hook = hook;
    }

    public int underWay() {
        return underWay.get();
    }

    @Override
    public PutRecordsResponse putRecords(PutRecordsRequest request) {
        underWay.incrementAndGet();
        try {
            hook.accept(request);
            return real.putRecords(request);
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
