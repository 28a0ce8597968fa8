package org.locationvisits.runner;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.locationvisits.kinesis.BatchSource;
import org.locationvisits.kinesis.KinesisEntry;
import org.locationvisits.kinesis.KinesisForwarder;

/** Where the runner's encoded records go: the Kinesis forwarder, or nowhere in a dry run. */
@FunctionalInterface
public interface Destination {
    void deliver(List<KinesisEntry> entries);

    /**
     * Delivers the batches and runs each one's callback once it is delivered, in order; throws what
     * {@link #deliver(List)} or a callback threw. This one delivers a batch wholly before taking the next.
     */
    default void deliverAll(BatchSource batches) throws InterruptedException {
        while (!batches.exhausted() && !batches.stopping()) {
            BatchSource.Batch batch = batches.next(TimeUnit.MILLISECONDS.toNanos(100));
            if (batch != null) {
                deliver(batch.entries());
                batch.delivered().run();
            }
        }
    }

    /** The Kinesis stream: a day's last calls overlap the next day's first ones. */
    static Destination kinesis(KinesisForwarder forwarder) {
        return new Destination() {
            @Override
            public void deliver(List<KinesisEntry> entries) {
                forwarder.send(entries);
            }

            @Override
            public void deliverAll(BatchSource batches) {
                forwarder.send(batches);
            }
        };
    }
}
