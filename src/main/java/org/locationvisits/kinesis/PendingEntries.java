package org.locationvisits.kinesis;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The entries of one send that Kinesis has not accepted yet, queued per shard. A shard is busy while a call
 * carries entries of it: one call in flight per shard keeps each shard's entries in order (Kinesis orders
 * records only per shard, and two calls racing could land in either order). A call takes whole runs of
 * entries shard by shard, oldest shard first, so several calls in flight cover different shards; refused
 * entries go back to the front of their queue.
 */
final class PendingEntries {
    /**
     * An entry with its place in the send, its batch, its hash key, how often it was sent and how often that
     * failed, and whether Kinesis accepted it.
     */
    static final class Item {
        final int index;
        final int batch;
        final KinesisEntry entry;
        final long size;
        final BigInteger hashKey;
        int shard;
        int sends;
        int failures;
        boolean accepted;

        Item(int index, int batch, KinesisEntry entry) {
            this.index = index;
            this.batch = batch;
            this.entry = entry;
            this.size = RecordBatches.size(entry);
            this.hashKey = ShardMap.hashKey(entry.partitionKey());
        }
    }

    private ArrayDeque<Item>[] queues;
    private boolean[] busy;
    /** Per shard, the clock time before which it must not be sent to: a backoff after an error. */
    private long[] notBefore;
    private int remaining;
    private ShardMap map;
    private int added;

    PendingEntries(ShardMap map, long now) {
        this.map = map;
        reset(map.size(), now);
    }

    PendingEntries(List<KinesisEntry> entries, ShardMap map, long now) {
        this(map, now);
        add(entries, 0);
    }

    /** Queues a batch's entries behind those of earlier batches on their shards. */
    void add(List<KinesisEntry> entries, int batch) {
        for (KinesisEntry entry : entries) {
            Item item = new Item(added++, batch, entry);
            item.shard = map.shardOf(item.hashKey);
            queues[item.shard].addLast(item);
        }
        remaining += entries.size();
    }

    boolean isEmpty() {
        return remaining == 0;
    }

    /** Shards of the map the entries are queued by. */
    int shards() {
        return queues.length;
    }

    /** Entries waiting to be sent (not in a call under way). */
    int remaining() {
        return remaining;
    }

    /**
     * The next call: shards that are neither busy nor backing off, the one with the oldest entry first, each
     * giving the run of its entries its window has room for, up to {@code maxRecords} and {@code maxBytes}.
     * Shards given entries are busy until {@link #done}. Empty when no such shard has room now.
     */
    List<Item> nextCall(ShardWindows windows, int maxRecords, long maxBytes, long now) {
        List<Item> call = new ArrayList<>();
        long callBytes = 0;
        for (int s : readyShards(now)) {
            long records = 0;
            long bytes = 0;
            ArrayDeque<Item> queue = queues[s];
            while (call.size() < maxRecords && !queue.isEmpty()) {
                Item head = queue.peekFirst();
                if (callBytes + head.size > maxBytes || !windows.fits(s, records + 1, bytes + head.size, now)) {
                    break; // later entries of this shard must not overtake its head
                }
                call.add(queue.removeFirst());
                callBytes += head.size;
                records++;
                bytes += head.size;
            }
            busy[s] |= records > 0;
            if (call.size() == maxRecords) {
                break;
            }
        }
        remaining -= call.size();
        return call;
    }

    /**
     * Nanoseconds until a shard that is not busy has room for its next entry, or -1 when every shard with
     * pending entries is busy (only an answer can free one).
     */
    long nanosUntilRoom(ShardWindows windows, long now) {
        long wait = Long.MAX_VALUE;
        for (int s = 0; s < queues.length; s++) {
            if (!queues[s].isEmpty() && !busy[s]) {
                long room = windows.nanosUntilFits(s, queues[s].peekFirst().size, now);
                wait = Math.min(wait, Math.max(room, notBefore[s] - now));
            }
        }
        return wait == Long.MAX_VALUE ? -1 : Math.max(0, wait);
    }

    /** A call came back: its shards may be sent to again; what it did not accept goes first, in its order. */
    void done(List<Item> sent, List<Item> refused) {
        for (Item item : sent) {
            busy[item.shard] = false;
        }
        for (int i = refused.size() - 1; i >= 0; i--) {
            Item item = refused.get(i);
            queues[item.shard].addFirst(item);
        }
        remaining += refused.size();
    }

    /** Keeps the shard's entries back until {@code until}, e.g. after an InternalFailure. */
    void holdShard(int shard, long until) {
        notBefore[shard] = Math.max(notBefore[shard], until);
    }

    /** After a reshard, with no call in flight: the same entries, queued by their shards in the new map. */
    void reassign(ShardMap resharded) {
        this.map = resharded;
        List<Item> waiting = new ArrayList<>(remaining);
        for (ArrayDeque<Item> queue : queues) {
            waiting.addAll(queue);
        }
        waiting.sort(Comparator.comparingInt(item -> item.index));
        long held = Arrays.stream(notBefore).max().orElse(Long.MIN_VALUE);
        reset(map.size(), held);
        for (Item item : waiting) {
            item.shard = map.shardOf(item.hashKey);
            queues[item.shard].addLast(item);
        }
    }

    private List<Integer> readyShards(long now) {
        List<Integer> ready = new ArrayList<>();
        for (int s = 0; s < queues.length; s++) {
            if (!queues[s].isEmpty() && !busy[s] && notBefore[s] <= now) {
                ready.add(s);
            }
        }
        ready.sort(Comparator.comparingInt(s -> queues[s].peekFirst().index));
        return ready;
    }

    @SuppressWarnings("unchecked")
    private void reset(int shards, long held) {
        queues = new ArrayDeque[shards];
        for (int s = 0; s < shards; s++) {
            queues[s] = new ArrayDeque<>();
        }
        busy = new boolean[shards];
        notBefore = new long[shards];
        Arrays.fill(notBefore, held);
    }
}
