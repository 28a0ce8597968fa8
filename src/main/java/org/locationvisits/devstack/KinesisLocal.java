package org.locationvisits.devstack;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationvisits.common.AwsClients;
import org.locationvisits.kinesis.KinesisEntry;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.waiters.KinesisWaiter;

/**
 * kinesis-local (npm) as a child process, for integration tests and the quick start. It enforces no
 * Kinesis limits; tests that need throttling or partial failures use a limits-faithful fake instead.
 */
public final class KinesisLocal implements AutoCloseable {
    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY_ID = "local";
    public static final String SECRET_ACCESS_KEY = "local";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final NodeProcess process;
    private final URI endpoint;
    private final KinesisClient client;

    private KinesisLocal(NodeProcess process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
        this.client = AwsClients.kinesis(REGION, endpoint, ACCESS_KEY_ID, SECRET_ACCESS_KEY);
    }

    /** Starts kinesis-local from {@link NodeProcess#standInsDir()} on free ports. */
    public static KinesisLocal start() {
        return start(NodeProcess.standInsDir());
    }

    public static KinesisLocal start(Path standInsDir) {
        int plainPort = NodeProcess.freePort();
        int tlsPort = NodeProcess.freePort();
        Path packageDir = standInsDir.resolve("node_modules/kinesis-local").toAbsolutePath();
        Map<String, String> env = Map.of(
                // It resolves the certificate against its working directory unless given an absolute path.
                "KINESIS_MOCK_CERT_PATH", packageDir.resolve("server.json").toString(),
                "KINESIS_MOCK_PLAIN_PORT", Integer.toString(plainPort),
                "KINESIS_MOCK_TLS_PORT", Integer.toString(tlsPort),
                "AWS_REGION", REGION,
                "CREATE_STREAM_DURATION", "100ms",
                "LOG_LEVEL", "WARN");
        // It binds 0.0.0.0; 127.0.0.1 avoids an IPv6 "localhost" that it may not answer.
        String base = "http://127.0.0.1:" + plainPort;
        NodeProcess process = NodeProcess.start("kinesis-local", standInsDir, "node_modules/kinesis-local/main.js",
                List.of(), env, base + "/healthcheck", START_TIMEOUT);
        return new KinesisLocal(process, URI.create(base));
    }

    /** The plain-HTTP endpoint, e.g. for {@code AWS_ENDPOINT_URL_KINESIS}. */
    public URI endpoint() {
        return endpoint;
    }

    /** A client for this instance (static credentials, us-east-1); closed with it. */
    public KinesisClient client() {
        return client;
    }

    /** Creates a stream and waits until it is ACTIVE; returns its ARN. */
    public String createStream(String name, int shards) {
        client.createStream(r -> r.streamName(name).shardCount(shards));
        // The SDK's default waiter polls every 10 s; the stand-in activates a stream in ~100 ms.
        try (KinesisWaiter waiter = KinesisWaiter.builder().client(client)
                .overrideConfiguration(WaiterOverrideConfiguration.builder()
                        .backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(200)))
                        .maxAttempts(150)
                        .build())
                .build()) {
            waiter.waitUntilStreamExists(r -> r.streamName(name)).matched().exception().ifPresent(e -> {
                throw new IllegalStateException("stream " + name + " did not become ACTIVE", e);
            });
        }
        return client.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary().streamARN();
    }

    /** Every record of the stream, shard by shard in sequence order (so in order per partition key). */
    public List<KinesisEntry> readAll(String streamName) {
        List<KinesisEntry> entries = new ArrayList<>();
        for (Shard shard : client.listShards(r -> r.streamName(streamName)).shards()) {
            String iterator = client.getShardIterator(r -> r.streamName(streamName).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse response = client.getRecords(r -> r.shardIterator(current).limit(10_000));
                for (Record record : response.records()) {
                    entries.add(new KinesisEntry(record.partitionKey(), record.data().asByteArray()));
                }
                boolean caughtUp = response.records().isEmpty()
                        && (response.millisBehindLatest() == null || response.millisBehindLatest() == 0);
                iterator = caughtUp ? null : response.nextShardIterator();
            }
        }
        return entries;
    }

    @Override
    public void close() {
        client.close();
        process.close();
    }
}
