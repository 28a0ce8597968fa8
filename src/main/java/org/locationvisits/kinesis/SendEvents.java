package org.locationvisits.kinesis;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The one queue a send waits on: answers of its PutRecords calls (put there by the sending threads) and a
 * source's wake-ups (a batch is ready, or it is stopping). A send abandoned after an interrupt leaves its late
 * answers here, where no later send looks.
 */
final class SendEvents {
    /** What the send is woken by. */
    sealed interface Event permits Answered, SourceWoke {
    }

    /** A call came back; its results are read on the send's thread. */
    record Answered(PutRecordsCall call) implements Event {
    }

    /** The source has a batch it did not have when last asked, or it is stopping: ask it again. */
    enum SourceWoke implements Event {
        INSTANCE
    }

    private final Executor executor;
    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private int inFlight;

    SendEvents(Executor executor) {
        this.executor = executor;
    }

    /** Runs the call on a sending thread; its answer comes back as an event. */
    void start(PutRecordsCall call) {
        inFlight++;
        executor.execute(() -> {
            try {
                call.run();
            } finally {
                queue.add(new Answered(call));
            }
        });
    }

    /** What a source calls, from any thread, to wake the send. */
    void sourceWoke() {
        queue.add(SourceWoke.INSTANCE);
    }

    /** Calls started whose answer was not taken yet. */
    int inFlight() {
        return inFlight;
    }

    /** An event that is already there, or null. */
    Event poll() {
        return taken(queue.poll());
    }

    /** Waits for an event: at most {@code nanos}, or for as long as it takes when negative; null when none came. */
    Event await(long nanos) throws InterruptedException {
        return taken(nanos < 0 ? queue.take() : queue.poll(nanos, TimeUnit.NANOSECONDS));
    }

    private Event taken(Event event) {
        inFlight -= event instanceof Answered ? 1 : 0;
        return event;
    }
}
