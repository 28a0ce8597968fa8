package org.locationvisits.kinesis;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The entries of one send that Kinesis has not accepted yet, queued per shard. A call takes, oldest first,
 * entries whose shard has room, so a full shard never holds back the others; within a shard the order
 * stays (Kinesis orders records only per shard), and refused entries go back to the front of their queue.
 */
final class PendingEntries {
    /** An entry with its place in the send, its hash key and how often it was sent. */
    static final class Item {
        final int index;
        final KinesisEntry entry;
        final long size;
        final BigInteger hashKey;
        int shard;
        int attempts;

        Item(int index, KinesisEntry entry) {
            this.index = index;
            this.entry = entry;
            this.size = RecordBatches.size(entry);
            this.hashKey = ShardMap.hashKey(entry.partitionKey());
        }
    }

    private ArrayDeque<Item>[] queues;
    private int remaining;

    PendingEntries(List<KinesisEntry> entries, ShardMap map) {
        queues = newQueues(map.size());
        for (int i = 0; i < entries.size(); i++) {
            Item item = new Item(i, entries.get(i));
            item.shard = map.shardOf(item.hashKey);
            queues[item.shard].addLast(item);
        }
        remaining = entries.size();
    }

    boolean isEmpty() {
        return remaining == 0;
    }

    int remaining() {
        return remaining;
    }

    /**
     * The next call: oldest entries first, each only if its shard's window has room for it on top of what
     * this call already carries for that shard, up to {@code maxRecords} and {@code maxBytes}. Empty when
     * no shard with pending entries has room now.
     */
    List<Item> nextCall(ShardWindows windows, int maxRecords, long maxBytes, long now) {
        long[] plannedRecords = new long[queues.length];
        long[] plannedBytes = new long[queues.length];
        PriorityQueue<Integer> heads = new PriorityQueue<>(Comparator.comparingInt(s -> queues[s].peekFirst().index));
        for (int s = 0; s < queues.length; s++) {
            if (!queues[s].isEmpty()) {
                heads.add(s);
            }
        }
        List<Item> call = new ArrayList<>();
        long callBytes = 0;
        while (call.size() < maxRecords && !heads.isEmpty()) {
            int s = heads.poll();
            Item head = queues[s].peekFirst();
            if (callBytes + head.size > maxBytes
                    || !windows.fits(s, plannedRecords[s] + 1, plannedBytes[s] + head.size, now)) {
                continue; // this shard waits for the next call; later entries of it must not overtake its head
            }
            queues[s].removeFirst();
            call.add(head);
            callBytes += head.size;
            plannedRecords[s]++;
            plannedBytes[s] += head.size;
            if (!queues[s].isEmpty()) {
                heads.add(s);
            }
        }
        remaining -= call.size();
        return call;
    }

    /** Nanoseconds until some shard with pending entries has room for its next one. */
    long nanosUntilRoom(ShardWindows windows, long now) {
        long wait = Long.MAX_VALUE;
        for (int s = 0; s < queues.length; s++) {
            if (!queues[s].isEmpty()) {
                wait = Math.min(wait, windows.nanosUntilFits(s, queues[s].peekFirst().size, now));
            }
        }
        return wait == Long.MAX_VALUE ? 0 : wait;
    }

    /** Puts refused entries back in front of their shards' queues, in their order. */
    void putBack(List<Item> refused) {
        for (int i = refused.size() - 1; i >= 0; i--) {
            Item item = refused.get(i);
            queues[item.shard].addFirst(item);
        }
        remaining += refused.size();
    }

    /** After a reshard: the same entries, queued by their shards in the new map, in their order. */
    void reassign(ShardMap map) {
        List<Item> waiting = new ArrayList<>(remaining);
        for (ArrayDeque<Item> queue : queues) {
            waiting.addAll(queue);
        }
        waiting.sort(Comparator.comparingInt(item -> item.index));
        queues = newQueues(map.size());
        for (Item item : waiting) {
            item.shard = map.shardOf(item.hashKey);
            queues[item.shard].addLast(item);
        }
    }

    @SuppressWarnings("unchecked")
    private static ArrayDeque<Item>[] newQueues(int shards) {
        ArrayDeque<Item>[] queues = new ArrayDeque[shards];
        for (int s = 0; s < shards; s++) {
            queues[s] = new ArrayDeque<>();
        }
        return queues;
    }
}
