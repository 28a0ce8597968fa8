package org.locationvisits.kinesis;

import java.util.ArrayList;
import java.util.List;
import org.locationvisits.kinesis.PendingEntries.Item;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/** One PutRecords call: its entries, and what Kinesis did with each of them. */
final class PutRecordsCall {
    private final List<Item> items;
    private List<Item> refused = new ArrayList<>();
    private long acceptedRecords;
    private long acceptedBytes;
    private int throttled;
    private boolean realError;
    private String lastError;

    PutRecordsCall(List<Item> items) {
        this.items = items;
    }

    PutRecordsRequest request(StreamRef stream) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>(items.size());
        for (Item item : items) {
            entries.add(PutRecordsRequestEntry.builder()
                    .partitionKey(item.entry.partitionKey())
                    .data(SdkBytes.fromByteArrayUnsafe(item.entry.data()))
                    .build());
        }
        return stream.addTo(PutRecordsRequest.builder().records(entries)).build();
    }

    /**
     * Sorts the answer's entries into accepted and refused and counts them in the shard windows. A throttled
     * entry marks its shard full: Kinesis knows of writes (other producers, a stale map) that we do not.
     */
    void answered(List<PutRecordsResultEntry> results, ShardWindows windows, long now) {
        long[] shardRecords = new long[windows.shards()];
        long[] shardBytes = new long[windows.shards()];
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            String error = results.get(i).errorCode();
            if (error == null) {
                shardRecords[item.shard]++;
                shardBytes[item.shard] += item.size;
                continue;
            }
            refused.add(item);
            lastError = error + ": " + results.get(i).errorMessage();
            if (KinesisErrors.THROTTLED.equals(error)) {
                throttled++;
                windows.full(item.shard, now);
            } else {
                realError = true;
            }
        }
        for (int s = 0; s < shardRecords.length; s++) {
            windows.accepted(s, shardRecords[s], shardBytes[s], now);
            acceptedRecords += shardRecords[s];
            acceptedBytes += shardBytes[s];
        }
    }

    /** The whole call failed in a way worth repeating (5xx, I/O, whole-call throttling). */
    void failed(SdkException e) {
        refused = items;
        throttled = KinesisErrors.throttling(e) ? items.size() : 0;
        realError = throttled == 0;
        lastError = KinesisErrors.describe(e);
    }

    List<Item> items() {
        return items;
    }

    List<Item> refused() {
        return refused;
    }

    long acceptedRecords() {
        return acceptedRecords;
    }

    long acceptedBytes() {
        return acceptedBytes;
    }

    int throttled() {
        return throttled;
    }

    /** Whether an entry was refused for a reason other than throttling, e.g. InternalFailure. */
    boolean realError() {
        return realError;
    }

    /** The last error seen, or null when everything was accepted. */
    String lastError() {
        return lastError;
    }

    /** The most calls any refused entry has been in; 0 when nothing was refused. */
    int mostAttempts() {
        int most = 0;
        for (Item item : refused) {
            most = Math.max(most, item.attempts);
        }
        return most;
    }
}
