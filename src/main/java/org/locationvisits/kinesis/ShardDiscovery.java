package org.locationvisits.kinesis;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;

/**
 * Reads a stream's open shards and their hash key ranges with ListShards. Without that permission it
 * falls back to DescribeStreamSummary's open shard count split equally (true for streams never resharded),
 * and without either to the map it had; pacing is an optimisation, delivery does not depend on it.
 */
final class ShardDiscovery {
    private static final Logger log = LoggerFactory.getLogger(ShardDiscovery.class);

    private final KinesisClient client;
    private final StreamRef stream;
    private boolean warned;

    ShardDiscovery(KinesisClient client, StreamRef stream) {
        this.client = client;
        this.stream = stream;
    }

    /** The stream's open shards now, or {@code known} when neither call is allowed. */
    ShardMap read(ShardMap known) {
        SdkException listFailure;
        try {
            return listShards();
        } catch (ResourceNotFoundException e) {
            throw e;
        } catch (SdkException e) {
            listFailure = e;
        }
        try {
            int open = client.describeStreamSummary(stream.describeRequest()).streamDescriptionSummary().openShardCount();
            warnOnce("could not list its shards ({}); assuming {} equal hash key range(s) from its open shard count."
                    + " Grant kinesis:ListShards to pace each shard by its real range.", listFailure, open);
            return ShardMap.equalSplit(open);
        } catch (ResourceNotFoundException e) {
            throw e;
        } catch (SdkException e) {
            warnOnce("could not list its shards ({}) nor read its open shard count; pacing for {} shard(s)."
                    + " Grant kinesis:ListShards to send at the stream's full capacity.", listFailure, known.size());
            return known;
        }
    }

    private ShardMap listShards() {
        List<ShardMap.Shard> shards = new ArrayList<>();
        ListShardsResponse page = client.listShards(stream.listShardsRequest(ListShardsRequest.builder()
                .shardFilter(filter -> filter.type(ShardFilterType.AT_LATEST))));
        while (true) {
            for (Shard shard : page.shards()) {
                shards.add(new ShardMap.Shard(shard.shardId(), new BigInteger(shard.hashKeyRange().startingHashKey()),
                        new BigInteger(shard.hashKeyRange().endingHashKey())));
            }
            if (page.nextToken() == null || page.nextToken().isEmpty()) {
                return new ShardMap(shards);
            }
            String token = page.nextToken(); // a next page names neither the stream nor the filter
            page = client.listShards(ListShardsRequest.builder().nextToken(token).build());
        }
    }

    private void warnOnce(String message, SdkException cause, int shards) {
        if (!warned) {
            warned = true;
            log.warn("Kinesis stream {}: " + message, stream, KinesisErrors.describe(cause), shards);
        }
    }
}
