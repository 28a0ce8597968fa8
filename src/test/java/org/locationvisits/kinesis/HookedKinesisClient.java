package org.locationvisits.kinesis;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/** The fake's client with a hook before each PutRecords call (it may block or throw) and a count of calls under way. */
public final class HookedKinesisClient extends ForwardingKinesisClient {
    private final Consumer<PutRecordsRequest> hook;
    private final AtomicInteger underWay = new AtomicInteger();

    public HookedKinesisClient(KinesisClient real, Consumer<PutRecordsRequest> hook) {
        super(real);
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
}
