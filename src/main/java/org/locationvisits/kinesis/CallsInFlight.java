package org.locationvisits.kinesis;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The PutRecords calls of one send that are under way on the forwarder's sending threads, and those that came
 * back. A send abandoned after an interrupt leaves its late answers here, where no later send looks.
 */
final class CallsInFlight {
    private final Executor executor;
    private final BlockingQueue<PutRecordsCall> answered = new LinkedBlockingQueue<>();
    private int count;

    CallsInFlight(Executor executor) {
        this.executor = executor;
    }

    void start(PutRecordsCall call) {
        count++;
        executor.execute(() -> {
            try {
                call.run();
            } finally {
                answered.add(call);
            }
        });
    }

    int count() {
        return count;
    }

    /** A call that came back, or null when none did yet. */
    PutRecordsCall poll() {
        return taken(answered.poll());
    }

    /** Waits for a call to come back: at most {@code nanos}, or for as long as it takes when negative. */
    PutRecordsCall await(long nanos) throws InterruptedException {
        return taken(nanos < 0 ? answered.take() : answered.poll(nanos, TimeUnit.NANOSECONDS));
    }

    private PutRecordsCall taken(PutRecordsCall call) {
        count -= call == null ? 0 : 1;
        return call;
    }
}
