package org.locationvisits.kinesis;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;

/** A test's client around the fake's: what the forwarder asks besides PutRecords goes through as it is. */
abstract class ForwardingKinesisClient implements KinesisClient {
    protected final KinesisClient real;

    ForwardingKinesisClient(KinesisClient real) {
        this.real = real;
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
