package org.locationvisits.kinesis;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/**
 * The real client of a fake Kinesis, with failures the SDK raises on its own side (timeouts) put in front of
 * chosen PutRecords calls, an optional hold of the first calls until a given call has failed, and a count of
 * calls under way.
 */
final class FaultyKinesisClient extends ForwardingKinesisClient {
    private final Map<Integer, Supplier<RuntimeException>> failures = new HashMap<>();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger underWay = new AtomicInteger();
    private int failCall = -1;
    private Supplier<RuntimeException> failWith;
    private final CountDownLatch failed = new CountDownLatch(1);
    /** Only a sender that never has the failing call under way with the held ones waits this long (real time). */
    private static final long PATIENCE_SECONDS = 10;
    private volatile boolean holdTimedOut;

    FaultyKinesisClient(KinesisClient real) {
        super(real);
    }

    /** The next {@code times} PutRecords calls throw this, without reaching Kinesis. */
    synchronized FaultyKinesisClient failNext(Supplier<RuntimeException> failure, int times) {
        for (int i = 1; i <= times; i++) {
            failures.put(started.get() + i, failure);
        }
        return this;
    }

    /** PutRecords calls of these numbers (1-based, counted since this client was made) throw this. */
    synchronized FaultyKinesisClient failCalls(Supplier<RuntimeException> failure, int... calls) {
        for (int call : calls) {
            failures.put(call, failure);
        }
        return this;
    }

    /** PutRecords call number {@code call} (1-based) throws; every earlier one waits until it has. */
    synchronized FaultyKinesisClient failCallHoldingEarlierOnes(int call, Supplier<RuntimeException> failure) {
        failCall = call;
        failWith = failure;
        return this;
    }

    boolean holdTimedOut() {
        return holdTimedOut;
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
                failure = failures.remove(number);
            }
            if (failure != null) {
                throw failure.get();
            }
            if (number == failCall) {
                failed.countDown();
                throw failWith.get();
            }
            if (number < failCall && !failed.await(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                holdTimedOut = true; // fewer calls under way at once than the test needs
            }
            return real.putRecords(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            underWay.decrementAndGet();
        }
    }
}
