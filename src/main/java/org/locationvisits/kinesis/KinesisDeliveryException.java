package org.locationvisits.kinesis;

/**
 * Some entries of a {@link KinesisForwarder#send} call were not delivered. The caller must not advance
 * its offset past them; re-sending the whole list later is safe (consumers see at-least-once delivery).
 */
public class KinesisDeliveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int undelivered;
    private final int total;

    public KinesisDeliveryException(String message, int undelivered, int total, Throwable cause) {
        super(message, cause);
        this.undelivered = undelivered;
        this.total = total;
    }

    /** Entries not delivered: those that failed plus those never attempted after the failure. */
    public int undelivered() {
        return undelivered;
    }

    public int total() {
        return total;
    }
}
