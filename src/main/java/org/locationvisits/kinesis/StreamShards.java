package org.locationvisits.kinesis;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The forwarder's view of the stream's open shards and of what each took in the last second. */
final class StreamShards {
    private static final Logger log = LoggerFactory.getLogger(StreamShards.class);
    /** ListShards and DescribeStreamSummary are rate-limited per account; a throttled send must not flood them. */
    private static final long REFRESH_INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();

    private final ShardDiscovery discovery;
    private final StreamRef stream;
    private final LongSupplier nanoTime;
    private ShardMap map;
    private ShardWindows windows;
    private long lastRefresh;

    StreamShards(ShardDiscovery discovery, StreamRef stream, LongSupplier nanoTime) {
        this.discovery = discovery;
        this.stream = stream;
        this.nanoTime = nanoTime;
    }

    /** The shard map, read on first use. */
    ShardMap map() {
        if (map == null) {
            use(discovery.read(ShardMap.equalSplit(1)));
            log.info("Kinesis stream {}: {} open shard(s), pacing each to {} records/s and {} bytes/s"
                    + " ({} records/s in all)", stream, map.size(), ShardWindows.RECORDS_PER_SHARD_SECOND,
                    ShardWindows.BYTES_PER_SHARD_SECOND, map.size() * ShardWindows.RECORDS_PER_SHARD_SECOND);
        }
        return map;
    }

    ShardWindows windows() {
        return windows;
    }

    /** Whether enough time passed since the last read to ask again after unexpected throttling. */
    boolean refreshDue() {
        return nanoTime.getAsLong() - lastRefresh >= REFRESH_INTERVAL_NANOS;
    }

    /** Reads the shards again; the new map when the stream was resharded, else null. */
    ShardMap refresh() {
        lastRefresh = nanoTime.getAsLong();
        ShardMap now = discovery.read(map);
        if (now.equals(map)) {
            return null;
        }
        log.info("Kinesis stream {}: open shards {} -> {}", stream, map.size(), now.size());
        use(now);
        return now;
    }

    private void use(ShardMap shards) {
        map = shards;
        windows = new ShardWindows(shards.size());
        lastRefresh = nanoTime.getAsLong();
    }
}
