package org.locationvisits.kinesis;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The open shards of a stream and their hash key ranges: which shard a partition key lands on. Kinesis
 * reads the MD5 of the key as an unsigned 128-bit number and picks the shard whose range holds it, so a
 * sender can pace each shard on its own instead of the stream total.
 */
final class ShardMap {
    static final BigInteger HASH_SPACE = BigInteger.ONE.shiftLeft(128);

    /** One open shard; {@code start} and {@code end} are inclusive, as ListShards gives them. */
    record Shard(String id, BigInteger start, BigInteger end) {
    }

    private final List<Shard> shards;
    private final BigInteger[] starts;

    ShardMap(List<Shard> shards) {
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("a stream has at least one open shard");
        }
        this.shards = shards.stream().sorted(Comparator.comparing(Shard::start)).toList();
        this.starts = this.shards.stream().map(Shard::start).toArray(BigInteger[]::new);
    }

    /** What CreateStream makes of {@code count} shards, for when the real ranges cannot be read. */
    static ShardMap equalSplit(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a stream has at least one open shard, got " + count);
        }
        List<Shard> shards = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            shards.add(new Shard("shard-" + i, boundary(i, count), boundary(i + 1, count).subtract(BigInteger.ONE)));
        }
        return new ShardMap(shards);
    }

    /** The first hash key of shard {@code i} of {@code count} equal ranges: ceil(i * 2^128 / count). */
    private static BigInteger boundary(int i, int count) {
        BigInteger[] qr = HASH_SPACE.multiply(BigInteger.valueOf(i)).divideAndRemainder(BigInteger.valueOf(count));
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }

    /** One digest per thread: looking MD5 up among the security providers costs more than hashing a key. */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    });

    static BigInteger hashKey(String partitionKey) {
        return new BigInteger(1, MD5.get().digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
    }

    /** The index (in hash key order) of the shard holding {@code hashKey}. */
    int shardOf(BigInteger hashKey) {
        int low = 0;
        int high = starts.length - 1;
        while (low < high) { // the last shard whose range starts at or below the key
            int mid = (low + high + 1) >>> 1;
            if (starts[mid].compareTo(hashKey) <= 0) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    int shardOf(String partitionKey) {
        return shardOf(hashKey(partitionKey));
    }

    int size() {
        return shards.size();
    }

    List<Shard> shards() {
        return shards;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ShardMap map && map.shards.equals(shards);
    }

    @Override
    public int hashCode() {
        return shards.hashCode();
    }
}
