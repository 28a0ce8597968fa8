package org.locationvisits.kinesis;

import java.time.Duration;
import java.util.List;
import org.locationvisits.kinesis.PendingEntries.Item;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The counts of one send: for its {@link SendStats}, and for the message when it fails (how many entries of
 * how many were not delivered, and the last error Kinesis gave).
 */
final class SendTally {
    /** Written by the send's thread only; volatile so that {@link KinesisForwarder#total()} can read a long send. */
    private volatile long records, bytes, calls, retried, throttled;
    private volatile Duration pacedWait = Duration.ZERO;
    private long taken;
    /** Entries known to be coming before any was taken, so an early failure counts them as undelivered. */
    private long announced;
    private String lastError;

    SendTally(long announced) {
        this.announced = announced;
    }

    void announced(long entries) {
        announced = Math.max(announced, entries);
    }

    void taken(int entries) {
        taken += entries;
    }

    void started(List<Item> items) {
        calls++;
        for (Item item : items) {
            retried += item.sends++ > 0 ? 1 : 0;
        }
    }

    /** A settled call's accepted and throttled entries, and its error. */
    void answered(PutRecordsCall call) {
        records += call.acceptedRecords();
        bytes += call.acceptedBytes();
        throttled += call.throttled();
        lastError = call.lastError() != null ? call.lastError() : lastError;
    }

    void paced(Duration waited) {
        pacedWait = pacedWait.plus(waited);
    }

    KinesisDeliveryException failure(StreamRef stream, String when, Throwable cause) {
        long total = Math.max(taken, announced);
        int undelivered = (int) (total - records);
        String error = cause instanceof SdkException sdk ? KinesisErrors.describe(sdk) : lastError;
        // The operation first, and what to check when the error itself gives no advice (e.g. connection refused).
        String check = when.contains("(check") || when.contains("(grant") ? ""
                : "; check that the Kinesis endpoint is reachable (network, AWS_ENDPOINT_URL_KINESIS), the"
                + " credentials and kinesis:PutRecords on the stream";
        return new KinesisDeliveryException("Kinesis PutRecords failed: " + undelivered + " of " + total
                + " entries were not delivered to Kinesis stream '" + stream + "'"
                + (when.isEmpty() ? "" : " " + when) + "; last error: " + error + check, undelivered, (int) total,
                cause);
    }

    SendStats stats(Duration elapsed) {
        return new SendStats(records, bytes, calls, retried, throttled, pacedWait, elapsed);
    }
}
