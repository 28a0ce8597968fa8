package org.locationvisits.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.locationvisits.kinesis.fake.LimitsFaithfulKinesis;
import software.amazon.awssdk.services.kinesis.KinesisClient;

class ShardMapTest {
    private LimitsFaithfulKinesis kinesis;

    @AfterEach
    void closeFake() {
        if (kinesis != null) {
            kinesis.close();
        }
    }

    @Test
    void predictsTheShardKinesisPutsEachKeyOnFromListedRanges() {
        SplittableRandom random = new SplittableRandom(11);
        for (int shards : new int[] {1, 2, 3, 7, 8, 64}) {
            kinesis = LimitsFaithfulKinesis.start("visits", shards);
            kinesis.listShardsPageSize(5); // several pages for the larger streams
            ShardMap map = new ShardDiscovery(kinesis.client(), StreamRef.parse("visits")).read(ShardMap.equalSplit(1));

            assertThat(map.size()).isEqualTo(shards);
            assertThat(map).isEqualTo(withIds(ShardMap.equalSplit(shards), map));
            for (int i = 0; i < 5_000; i++) {
                String key = "site-" + random.nextInt(1_000) + "|" + random.nextInt(4) + "|2024-01-01T"
                        + random.nextInt(24) + ":" + random.nextInt(60) + "#" + i;
                assertThat(map.shardOf(key)).as(key).isEqualTo(kinesis.shardOf(key));
            }
            kinesis.close();
            kinesis = null;
        }
    }

    @Test
    void readsRangesOfAReshardedStream() {
        BigInteger quarter = ShardMap.HASH_SPACE.shiftRight(2);
        ShardMap map = new ShardMap(List.of(
                new ShardMap.Shard("b", quarter, ShardMap.HASH_SPACE.subtract(BigInteger.ONE)),
                new ShardMap.Shard("a", BigInteger.ZERO, quarter.subtract(BigInteger.ONE))));

        assertThat(map.shardOf(BigInteger.ZERO)).isZero();
        assertThat(map.shardOf(quarter.subtract(BigInteger.ONE))).isZero();
        assertThat(map.shardOf(quarter)).isEqualTo(1);
        assertThat(map.shardOf(ShardMap.HASH_SPACE.subtract(BigInteger.ONE))).isEqualTo(1);
    }

    @Test
    void fallsBackToAnEqualSplitWhenListShardsIsDenied() {
        kinesis = LimitsFaithfulKinesis.start("visits", 4);
        kinesis.denyListShards();
        KinesisClient client = kinesis.client();

        ShardMap map = new ShardDiscovery(client, StreamRef.parse(kinesis.streamArn())).read(ShardMap.equalSplit(1));

        assertThat(map).isEqualTo(ShardMap.equalSplit(4));
        assertThat(map.shardOf("site-17")).isEqualTo(kinesis.shardOf("site-17"));
    }

    /** The equal split named like the listed shards, so ranges are what is compared. */
    private static ShardMap withIds(ShardMap equal, ShardMap listed) {
        List<ShardMap.Shard> shards = new java.util.ArrayList<>();
        for (int i = 0; i < equal.size(); i++) {
            ShardMap.Shard shard = equal.shards().get(i);
            shards.add(new ShardMap.Shard(listed.shards().get(i).id(), shard.start(), shard.end()));
        }
        return new ShardMap(shards);
    }
}
