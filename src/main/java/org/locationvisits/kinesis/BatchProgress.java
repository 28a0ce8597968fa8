package org.locationvisits.kinesis;

import java.util.ArrayList;
import java.util.List;

/**
 * The batches of one send not yet reported delivered: how many entries of each Kinesis accepted so far, and
 * their callbacks, run oldest first once a batch and every one before it were wholly accepted.
 */
final class BatchProgress {
    private static final class Open {
        final int size;
        final Runnable delivered;
        int accepted;

        Open(int size, Runnable delivered) {
            this.size = size;
            this.delivered = delivered;
        }
    }

    private final List<Open> open = new ArrayList<>();
    /** The number of the oldest open batch; batches are numbered from 0 in the order they were added. */
    private int first;
    /** A callback threw: none runs any more. */
    private boolean broken;

    /** A new batch of {@code size} entries; returns its number. */
    int add(int size, Runnable delivered) {
        open.add(new Open(size, delivered));
        return first + open.size() - 1;
    }

    void accepted(int batch) {
        open.get(batch - first).accepted++;
    }

    /**
     * Runs the callbacks of the batches now wholly accepted, oldest first, on the caller's thread (also after the
     * send failed otherwise: they were delivered all the same), but none after one of them threw; returns what
     * it threw, else null.
     */
    RuntimeException runDelivered() {
        Runnable delivered;
        while (!broken && (delivered = nextDelivered()) != null) {
            try {
                delivered.run();
            } catch (RuntimeException e) {
                broken = true;
                return e;
            }
        }
        return null;
    }

    /** The oldest batch's callback once all its entries were accepted (it is then closed), else null. */
    private Runnable nextDelivered() {
        if (open.isEmpty() || open.get(0).accepted < open.get(0).size) {
            return null;
        }
        first++;
        return open.remove(0).delivered;
    }

    /** Batches reported delivered so far: also the number of the oldest open batch. */
    int delivered() {
        return first;
    }

    /** Batches not reported delivered yet. */
    int open() {
        return open.size();
    }
}
