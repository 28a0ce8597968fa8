package org.locationvisits.kinesis.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * What happens to a PutRecords call of the fake before it is answered: an optional latency (a benchmark's
 * stand-in for the network and Kinesis's own work, spent before the records are counted, the worst case for
 * a sender that paces by answer times), an optional hold of the first calls until several are under way at
 * once, and counts of how many calls were under way at once, in all and per shard.
 */
public final class CallGate {
    private final ToIntFunction<String> shardOf;
    private Duration latency = Duration.ZERO;
    private int holdUntil;
    private long patienceNanos;
    private boolean holdTimedOut;
    private int inFlight;
    private int maxInFlight;
    private final Map<Integer, Integer> perShard = new HashMap<>();
    private int maxPerShard;

    CallGate(ToIntFunction<String> shardOf) {
        this.shardOf = shardOf;
    }

    /** A call under way and the shards its entries land on. */
    record Entered(Set<Integer> shards) {
    }

    /** Every PutRecords call takes this long (real time) before the fake counts and answers it. */
    public synchronized void latency(Duration latency) {
        this.latency = latency;
    }

    /**
     * Holds the first calls until {@code concurrent} of them are under way at once, then lets all go and holds
     * no more. A sender that never has that many under way is let go after {@code patience}, once.
     */
    public synchronized void holdFirstCallsUntil(int concurrent, Duration patience) {
        holdUntil = concurrent;
        patienceNanos = patience.toNanos();
    }

    /** Whether the hold ended because not enough calls came. */
    public synchronized boolean holdTimedOut() {
        return holdTimedOut;
    }

    public synchronized int maxConcurrentCalls() {
        return maxInFlight;
    }

    /** The most calls under way at once that carried entries of one and the same shard. */
    public synchronized int maxConcurrentCallsPerShard() {
        return maxPerShard;
    }

    Entered enter(JsonNode records) throws InterruptedException {
        Set<Integer> shards = new TreeSet<>();
        for (JsonNode record : records) {
            shards.add(shardOf.applyAsInt(record.path("PartitionKey").asText()));
        }
        Duration wait;
        synchronized (this) {
            maxInFlight = Math.max(maxInFlight, ++inFlight);
            for (int shard : shards) {
                maxPerShard = Math.max(maxPerShard, perShard.merge(shard, 1, Integer::sum));
            }
            hold();
            wait = latency;
        }
        if (!wait.isZero()) {
            Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
        }
        return new Entered(shards);
    }

    private void hold() throws InterruptedException {
        if (holdUntil <= 0) {
            return;
        }
        if (inFlight >= holdUntil) {
            holdUntil = 0;
            notifyAll();
            return;
        }
        long deadline = System.nanoTime() + patienceNanos;
        while (holdUntil > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                holdUntil = 0;
                holdTimedOut = true;
                notifyAll();
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    synchronized void leave(Entered call) {
        inFlight--;
        for (int shard : call.shards()) {
            perShard.merge(shard, -1, Integer::sum);
        }
    }
}
