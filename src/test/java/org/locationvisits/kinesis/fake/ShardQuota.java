package org.locationvisits.kinesis.fake;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Per-shard write quota as Kinesis applies it: a partition key's MD5, read as an unsigned 128-bit
 * number, picks one of equally split hash key ranges; each shard takes 1,000 records and 1 MiB
 * (data plus partition key) per one-second window.
 */
final class ShardQuota {
    static final int RECORDS_PER_SECOND = 1_000;
    static final long BYTES_PER_SECOND = 1L << 20;
    private static final BigInteger HASH_SPACE = BigInteger.ONE.shiftLeft(128);

    private final int shards;
    private final long[] windowSecond;
    private final long[] records;
    private final long[] bytes;

    ShardQuota(int shards) {
        this.shards = shards;
        this.windowSecond = new long[shards];
        this.records = new long[shards];
        this.bytes = new long[shards];
        Arrays.fill(windowSecond, Long.MIN_VALUE);
    }

    /** The first hash key of shard {@code shard}: the smallest key {@link #shardOf} maps to it. */
    BigInteger startingHashKey(int shard) {
        BigInteger[] qr = HASH_SPACE.multiply(BigInteger.valueOf(shard)).divideAndRemainder(BigInteger.valueOf(shards));
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }

    /** The last hash key of shard {@code shard}. */
    BigInteger endingHashKey(int shard) {
        return (shard + 1 == shards ? HASH_SPACE : startingHashKey(shard + 1)).subtract(BigInteger.ONE);
    }

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    int shardOf(String partitionKey) {
        byte[] md5 = MD5.get().digest(partitionKey.getBytes(StandardCharsets.UTF_8));
        // floor(hash * shards / 2^128): the shift is the division, exactly
        return new BigInteger(1, md5).multiply(BigInteger.valueOf(shards)).shiftRight(128).intValue();
    }

    /** Takes one record of {@code size} bytes from the shard's current window; false when it is full. */
    boolean tryTake(int shard, long size, long nowNanos) {
        long second = Math.floorDiv(nowNanos, 1_000_000_000L);
        if (windowSecond[shard] != second) {
            windowSecond[shard] = second;
            records[shard] = 0;
            bytes[shard] = 0;
        }
        if (records[shard] + 1 > RECORDS_PER_SECOND || bytes[shard] + size > BYTES_PER_SECOND) {
            return false;
        }
        records[shard]++;
        bytes[shard] += size;
        return true;
    }
}
