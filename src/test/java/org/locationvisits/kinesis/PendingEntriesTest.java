package org.locationvisits.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.locationvisits.kinesis.PendingEntries.Item;

class PendingEntriesTest {
    private final ShardMap map = ShardMap.equalSplit(4);
    private final ShardWindows windows = new ShardWindows(4);

    private static Set<Integer> shards(List<Item> call) {
        return call.stream().map(item -> item.shard).collect(Collectors.toSet());
    }

    @Test
    void givesEachShardToOneCallAtATime() {
        PendingEntries pending = new PendingEntries(Entries.of(4_000, 400), map, 0);

        List<Item> first = pending.nextCall(windows, 500, RecordBatches.MAX_BYTES_PER_CALL, 0);
        List<Item> second = pending.nextCall(windows, 500, RecordBatches.MAX_BYTES_PER_CALL, 0);

        assertThat(first).hasSize(500);
        assertThat(shards(first)).hasSize(1); // a whole run of one shard, not a few entries of every shard
        assertThat(shards(second)).doesNotContainAnyElementsOf(shards(first));
        pending.done(first, List.of());
        List<Item> third = pending.nextCall(windows, 500, RecordBatches.MAX_BYTES_PER_CALL, 0);
        assertThat(third).isNotEmpty().allMatch(item -> !shards(second).contains(item.shard));
    }

    @Test
    void putsRefusedEntriesBackBeforeTheShardsLaterOnes() {
        PendingEntries pending = new PendingEntries(Entries.of(40, 1), ShardMap.equalSplit(1), 0);
        ShardWindows one = new ShardWindows(1);
        List<Item> first = pending.nextCall(one, 10, RecordBatches.MAX_BYTES_PER_CALL, 0);

        pending.done(first, first.subList(5, 10));

        assertThat(pending.nextCall(one, 10, RecordBatches.MAX_BYTES_PER_CALL, 0))
                .extracting(item -> item.index).containsExactly(5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
    }

    @Test
    void holdsABackingOffShardButNotTheOthers() {
        PendingEntries pending = new PendingEntries(Entries.of(400, 400), map, 0);
        pending.holdShard(map.shardOf("site-0"), 1_000);

        List<Item> call = pending.nextCall(windows, 500, RecordBatches.MAX_BYTES_PER_CALL, 0);

        assertThat(call).hasSizeGreaterThan(0).noneMatch(item -> item.shard == map.shardOf("site-0"));
        pending.done(call, List.of());
        assertThat(pending.nanosUntilRoom(windows, 0)).isEqualTo(1_000);
    }
}
