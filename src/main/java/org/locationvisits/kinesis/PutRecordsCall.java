package org.locationvisits.kinesis;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.LongSupplier;
import org.locationvisits.kinesis.PendingEntries.Item;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * One PutRecords call: its entries, when it ran, and what Kinesis did with each entry. {@link #run} goes on a
 * sending thread; everything else happens on the thread of the send, after the call came back.
 */
final class PutRecordsCall implements Runnable {
    private final List<Item> items;
    private final KinesisClient client;
    private final StreamRef stream;
    private final LongSupplier nanoTime;
    private volatile long sentAt;
    private volatile long answeredAt;
    private volatile List<PutRecordsResultEntry> results;
    private volatile RuntimeException error;
    private List<Item> refused = new ArrayList<>();
    private long acceptedRecords;
    private long acceptedBytes;
    private int throttled;
    private boolean realError;
    private String lastError;

    PutRecordsCall(List<Item> items, KinesisClient client, StreamRef stream, LongSupplier nanoTime) {
        this.items = items;
        this.client = client;
        this.stream = stream;
        this.nanoTime = nanoTime;
    }

    @Override
    public void run() {
        PutRecordsRequest request = request();
        sentAt = nanoTime.getAsLong();
        try {
            results = client.putRecords(request).records();
        } catch (RuntimeException e) {
            error = e; // SdkException, or a bug: either way the send's thread decides
        } finally {
            answeredAt = nanoTime.getAsLong();
        }
    }

    private PutRecordsRequest request() {
        List<PutRecordsRequestEntry> entries = new ArrayList<>(items.size());
        for (Item item : items) {
            entries.add(PutRecordsRequestEntry.builder()
                    .partitionKey(item.entry.partitionKey())
                    .data(SdkBytes.fromByteArrayUnsafe(item.entry.data()))
                    .build());
        }
        return stream.addTo(PutRecordsRequest.builder().records(entries)).build();
    }

    /** The call's failure when retrying cannot fix it (unknown stream, no permission), else null. */
    SdkException fatalError() {
        if (error instanceof SdkException sdk) {
            return KinesisErrors.retryable(sdk) ? null : sdk;
        }
        if (error != null) {
            throw error;
        }
        return null;
    }

    /**
     * Sorts the entries into accepted and refused and counts them in the shard windows. A throttled entry
     * marks its shard full: Kinesis knows of writes (other producers, a stale map) that we do not.
     */
    void settle(ShardWindows windows, CallTiming timing, long now) {
        if (error != null) {
            failed((SdkException) error, windows, now);
            return;
        }
        long counted = timing.countedAt(sentAt, answeredAt);
        long[] shardRecords = new long[windows.shards()];
        long[] shardBytes = new long[windows.shards()];
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            String code = results.get(i).errorCode();
            if (code == null) {
                item.accepted = true;
                shardRecords[item.shard]++;
                shardBytes[item.shard] += item.size;
                continue;
            }
            refused.add(item);
            lastError = code + ": " + results.get(i).errorMessage();
            if (KinesisErrors.THROTTLED.equals(code)) {
                throttled++;
                windows.full(item.shard, now);
            } else {
                realError = true;
                item.failures++;
            }
        }
        for (int s = 0; s < shardRecords.length; s++) {
            windows.accepted(s, shardRecords[s], shardBytes[s], counted);
            acceptedRecords += shardRecords[s];
            acceptedBytes += shardBytes[s];
        }
    }

    /** The whole call failed in a way worth repeating (5xx, I/O, timeout, whole-call throttling). */
    private void failed(SdkException e, ShardWindows windows, long now) {
        refused = items;
        lastError = KinesisErrors.describe(e);
        if (KinesisErrors.throttling(e)) {
            throttled = items.size();
            BitSet shards = new BitSet();
            items.forEach(item -> shards.set(item.shard));
            shards.stream().forEach(s -> windows.full(s, now));
        } else {
            realError = true;
            items.forEach(item -> item.failures++);
        }
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

    /** Milliseconds the call took, for logs. */
    long millis() {
        return (answeredAt - sentAt) / 1_000_000;
    }

    /** The most failed calls any refused entry has been in; 0 when nothing failed. */
    int mostFailures() {
        int most = 0;
        for (Item item : refused) {
            most = Math.max(most, item.failures);
        }
        return most;
    }
}
