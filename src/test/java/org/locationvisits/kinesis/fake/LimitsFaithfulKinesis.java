package org.locationvisits.kinesis.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import org.locationvisits.common.AwsClients;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * A one-stream Kinesis that enforces the limits kinesis-local ignores: 500 records and 5 MiB per
 * PutRecords, 1 MiB per record, partition keys of 1 to 256 Unicode characters, and per shard 1,000 records
 * and 1 MiB per second (fixed one-second windows of its clock). ListShards lists the open shards with the
 * equal hash key ranges the quota uses. A call with an entry over a record limit is refused whole
 * (ValidationException), as AWS refuses it; throttled entries come back like AWS's: per entry with
 * FailedRecordCount. Faults, a per-call latency and a reshard can be injected ({@link CallGate}). Calls are
 * served concurrently, each on its own thread. The real SDK client talks to it over HTTP, in CBOR (the SDK
 * default) or JSON.
 */
public final class LimitsFaithfulKinesis implements AutoCloseable {
    public static final String ACCOUNT = "000000000000";
    public static final String REGION = "us-east-1";
    static final int MAX_RECORDS_PER_CALL = 500;
    static final long MAX_BYTES_PER_CALL = 5L << 20;
    static final int MAX_DATA_BYTES = 1 << 20;
    static final int MAX_PARTITION_KEY_CHARS = 256;

    public record StoredRecord(String shardId, String partitionKey, byte[] data, String sequenceNumber) {
    }

    /** Counters for assertions and benchmarks; times are of the fake's clock, in nanoseconds. */
    public record Stats(long acceptedRecords, long acceptedBytes, long throttledEntries, long internalFailures,
                        long putRecordsCalls, long refusedCalls, long firstAcceptNanos, long lastAcceptNanos) {
        /** Accepted records over the span from first to last accept (a benchmark's sustained rate). */
        public double acceptedPerSecond() {
            long span = lastAcceptNanos - firstAcceptNanos;
            return span <= 0 ? acceptedRecords : acceptedRecords * 1e9 / span;
        }
    }

    private final String streamName;
    private int shards;
    private int generation;
    private final LongSupplier nanoTime;
    private final HttpServer server;
    private final ObjectMapper cbor = new ObjectMapper(new CBORFactory());
    private final ObjectMapper json = new ObjectMapper();
    private final List<StoredRecord> stored = new ArrayList<>();
    private ShardQuota quota;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "fake-kinesis");
        thread.setDaemon(true);
        return thread;
    });
    private final CallGate gate = new CallGate(this::shardOf);
    private final SplittableRandom random = new SplittableRandom(42);
    private KinesisClient client;
    private double internalFailureFraction;
    private int failNextCalls;
    private int throttleNextCalls;
    private boolean denyListShards;
    private boolean denyPutRecords;
    private int throttleEntriesOfNextCalls;
    private long reshardAfterCalls = -1;
    private int reshardTo;
    private long describeCalls;
    private int listShardsPageSize = 1_000;
    private long listShardsCalls;
    private long accepted, acceptedBytes, throttled, internalFailures, calls, refusedCalls, firstAccept, lastAccept;

    private LimitsFaithfulKinesis(String streamName, int shards, LongSupplier nanoTime) throws IOException {
        this.streamName = streamName;
        this.shards = shards;
        this.nanoTime = nanoTime;
        this.quota = new ShardQuota(shards);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** A fake whose throughput windows follow real time. */
    public static LimitsFaithfulKinesis start(String streamName, int shards) {
        return start(streamName, shards, System::nanoTime);
    }

    /** A fake whose windows follow {@code nanoTime}, e.g. the fake clock the forwarder's sleeper advances. */
    public static LimitsFaithfulKinesis start(String streamName, int shards, LongSupplier nanoTime) {
        try {
            return new LimitsFaithfulKinesis(streamName, shards, nanoTime);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String streamName() {
        return streamName;
    }

    public String streamArn() {
        return "arn:aws:kinesis:" + REGION + ":" + ACCOUNT + ":stream/" + streamName;
    }

    /** A client for this fake, made like production clients (no SDK retries); closed with the fake. */
    public synchronized KinesisClient client() {
        if (client == null) {
            client = AwsClients.kinesis(REGION, endpoint(), "fake", "fake");
        }
        return client;
    }

    /** Refuse this fraction of otherwise acceptable entries with {@code InternalFailure} (seeded, repeatable). */
    public synchronized void failEntriesWithInternalFailure(double fraction) {
        internalFailureFraction = fraction;
    }

    /** Answer the next {@code count} calls with HTTP 500 InternalFailure. */
    public synchronized void failNextCalls(int count) {
        failNextCalls = count;
    }

    /** Answer the next {@code count} calls with a whole-call ProvisionedThroughputExceededException (HTTP 400). */
    public synchronized void throttleNextCalls(int count) {
        throttleNextCalls = count;
    }

    /** Throttle every entry of the next {@code count} calls, as when another producer fills every shard. */
    public synchronized void throttleEntriesOfNextCalls(int count) {
        throttleEntriesOfNextCalls = count;
    }

    /** Answer PutRecords with AccessDeniedException, as for a role without kinesis:PutRecords. */
    public synchronized void denyPutRecords() {
        denyPutRecords = true;
    }

    /**
     * After {@code calls} PutRecords calls, replace the open shards by {@code shards} new ones with equal
     * ranges and new ids (a split or merge: each old range's keys now land on other shards).
     */
    public synchronized void reshardAfterCalls(long calls, int shards) {
        reshardAfterCalls = calls;
        reshardTo = shards;
    }

    /** Arrival, latency and concurrency of PutRecords calls. */
    public CallGate gate() {
        return gate;
    }

    public synchronized long describeStreamSummaryCalls() {
        return describeCalls;
    }

    /** Answer ListShards with AccessDeniedException, as for a role without kinesis:ListShards. */
    public synchronized void denyListShards() {
        denyListShards = true;
    }

    /** At most this many shards per ListShards page (AWS: up to 1,000 unless MaxResults says fewer). */
    public synchronized void listShardsPageSize(int shards) {
        listShardsPageSize = shards;
    }

    public synchronized long listShardsCalls() {
        return listShardsCalls;
    }

    /** Accepted records, in the order they were accepted. */
    public synchronized List<StoredRecord> records() {
        return List.copyOf(stored);
    }

    public synchronized Stats stats() {
        return new Stats(accepted, acceptedBytes, throttled, internalFailures, calls, refusedCalls, firstAccept,
                lastAccept);
    }

    /** The open shard (0-based) a partition key's MD5 hash falls in. */
    public synchronized int shardOf(String partitionKey) {
        return quota.shardOf(partitionKey);
    }

    private String shardId(int shard) {
        return "shardId-" + zeroPadded(generation * 1_000L + shard, 12);
    }

    /** As {@code String.format("%0<width>d")}, without a Formatter per record (the fake shares the benchmark's CPU). */
    private static String zeroPadded(long value, int width) {
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    private void reshard() {
        generation++;
        shards = reshardTo;
        quota = new ShardQuota(shards);
        reshardAfterCalls = -1;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        ObjectMapper mapper = contentType.contains("cbor") ? cbor : json;
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        Answer answer;
        try {
            JsonNode request = mapper.readTree(exchange.getRequestBody().readAllBytes());
            String operation = target.substring(target.indexOf('.') + 1);
            if ("PutRecords".equals(operation)) {
                CallGate.Entered call = gate.enter(request.path("Records"));
                try {
                    answer = answer(operation, request, mapper == cbor);
                } finally {
                    gate.leave(call);
                }
            } else {
                answer = answer(operation, request, mapper == cbor);
            }
        } catch (RuntimeException e) {
            answer = Answer.error(500, "InternalFailure", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = Answer.error(500, "InternalFailure", "the fake is stopping");
        }
        byte[] body = mapper.writeValueAsBytes(answer.body());
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("x-amzn-RequestId",
                Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()));
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    record Answer(int status, Map<String, Object> body) {
        static Answer ok(Map<String, Object> body) {
            return new Answer(200, body);
        }

        static Answer error(int status, String type, String message) {
            return new Answer(status, Map.of("__type", type, "message", message));
        }
    }

    private synchronized Answer answer(String operation, JsonNode request, boolean cborTimestamps) throws IOException {
        if ("ListShards".equals(operation)) {
            return listShards(request);
        }
        String name = request.path("StreamName").asText(null);
        String arn = request.path("StreamARN").asText(null);
        if (!streamName.equals(name) && !streamArn().equals(arn)) {
            return Answer.error(400, "ResourceNotFoundException", "Stream " + (name != null ? name : arn)
                    + " under account " + ACCOUNT + " not found.");
        }
        switch (operation) {
            case "DescribeStreamSummary" -> {
                describeCalls++;
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("StreamName", streamName);
                summary.put("StreamARN", streamArn());
                summary.put("StreamStatus", "ACTIVE");
                summary.put("RetentionPeriodHours", 24);
                // The SDK reads CBOR timestamps as epoch milliseconds, JSON ones as epoch seconds.
                summary.put("StreamCreationTimestamp", cborTimestamps ? 1_700_000_000_000L : 1_700_000_000.0);
                summary.put("EnhancedMonitoring", List.of(Map.of("ShardLevelMetrics", List.of())));
                summary.put("EncryptionType", "NONE");
                summary.put("OpenShardCount", shards);
                summary.put("ConsumerCount", 0);
                return Answer.ok(Map.of("StreamDescriptionSummary", summary));
            }
            case "PutRecords" -> {
                calls++;
                if (calls - 1 == reshardAfterCalls) {
                    reshard();
                }
                if (denyPutRecords) {
                    refusedCalls++;
                    return Answer.error(400, "AccessDeniedException", "User: arn:aws:iam::" + ACCOUNT + ":user/fake"
                            + " is not authorized to perform: kinesis:PutRecords on resource: " + streamArn());
                }
                if (failNextCalls > 0) {
                    failNextCalls--;
                    refusedCalls++;
                    return Answer.error(500, "InternalFailure", "Internal service failure.");
                }
                if (throttleNextCalls > 0) {
                    throttleNextCalls--;
                    refusedCalls++;
                    return Answer.error(400, "ProvisionedThroughputExceededException",
                            "Rate exceeded for stream " + streamName + " under account " + ACCOUNT + ".");
                }
                return putRecords(request.path("Records"));
            }
            default -> {
                return Answer.error(400, "UnknownOperationException", "operation " + operation + " is not faked");
            }
        }
    }

    /**
     * Open shards with the equal hash key ranges {@link ShardQuota} enforces, as decimal strings. A next
     * page is asked for by its token alone: AWS refuses a token together with a stream name.
     */
    private Answer listShards(JsonNode request) {
        listShardsCalls++;
        String token = request.path("NextToken").asText(null);
        String name = request.path("StreamName").asText(null);
        String arn = request.path("StreamARN").asText(null);
        if (token != null && (name != null || arn != null)) {
            return Answer.error(400, "InvalidArgumentException", "NextToken and StreamName cannot be provided together.");
        }
        if (token == null && !streamName.equals(name) && !streamArn().equals(arn)) {
            return Answer.error(400, "ResourceNotFoundException", "Stream " + (name != null ? name : arn)
                    + " under account " + ACCOUNT + " not found.");
        }
        if (denyListShards) {
            return Answer.error(400, "AccessDeniedException", "User: arn:aws:iam::" + ACCOUNT + ":user/fake is not"
                    + " authorized to perform: kinesis:ListShards on resource: " + streamArn());
        }
        int first = token == null ? 0 : Integer.parseInt(token.substring(token.lastIndexOf('/') + 1));
        int pageSize = request.has("MaxResults") ? Math.min(request.path("MaxResults").asInt(), listShardsPageSize)
                : listShardsPageSize;
        int end = Math.min(shards, first + pageSize);
        List<Map<String, Object>> page = new ArrayList<>();
        for (int shard = first; shard < end; shard++) {
            page.add(Map.of("ShardId", shardId(shard),
                    "HashKeyRange", Map.of("StartingHashKey", quota.startingHashKey(shard).toString(),
                            "EndingHashKey", quota.endingHashKey(shard).toString()),
                    "SequenceNumberRange", Map.of("StartingSequenceNumber", String.format("%056d", 0))));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Shards", page);
        if (end < shards) {
            body.put("NextToken", streamName + "/" + end);
        }
        return Answer.ok(body);
    }

    private Answer putRecords(JsonNode records) throws IOException {
        if (records.size() < 1 || records.size() > MAX_RECORDS_PER_CALL) {
            refusedCalls++;
            return Answer.error(400, "ValidationException", "1 validation error detected: Value at 'records'"
                    + " failed to satisfy constraint: Member must have length less than or equal to 500");
        }
        long callBytes = 0;
        for (int i = 0; i < records.size(); i++) {
            int dataLength = records.get(i).path("Data").binaryValue().length;
            String key = records.get(i).path("PartitionKey").asText("");
            String problem = problemWith(i + 1, key, dataLength);
            if (problem != null) {
                refusedCalls++;
                return Answer.error(400, "ValidationException", "1 validation error detected: " + problem);
            }
            callBytes += dataLength + key.getBytes(StandardCharsets.UTF_8).length;
        }
        if (callBytes > MAX_BYTES_PER_CALL) {
            refusedCalls++;
            return Answer.error(400, "InvalidArgumentException", "Records size exceeds 5 MB limit");
        }
        long now = nanoTime.getAsLong();
        List<Map<String, Object>> results = new ArrayList<>();
        int failed = 0;
        for (JsonNode record : records) {
            String key = record.path("PartitionKey").asText();
            byte[] data = record.path("Data").binaryValue();
            Map<String, Object> result = accept(key, data, now);
            failed += result.containsKey("ErrorCode") ? 1 : 0;
            results.add(result);
        }
        throttleEntriesOfNextCalls = Math.max(0, throttleEntriesOfNextCalls - 1);
        return Answer.ok(Map.of("FailedRecordCount", failed, "Records", results));
    }

    /**
     * What AWS's request validation says of an entry, or null: it refuses the whole call. A partition key's length
     * is counted in Unicode characters (code points), as AWS counts it, not in Java's UTF-16 units.
     */
    private static String problemWith(int entry, String key, int dataLength) {
        String at = "at 'records." + entry + ".member.";
        int keyChars = key.codePointCount(0, key.length());
        if (keyChars < 1) {
            return "Value '' " + at + "partitionKey' failed to satisfy constraint: Member must have length greater"
                    + " than or equal to 1";
        }
        if (keyChars > MAX_PARTITION_KEY_CHARS) {
            return "Value '" + key + "' " + at + "partitionKey' failed to satisfy constraint: Member must have length"
                    + " less than or equal to " + MAX_PARTITION_KEY_CHARS;
        }
        if (dataLength > MAX_DATA_BYTES) {
            return "Value " + at + "data' failed to satisfy constraint: Member must have length less than or equal"
                    + " to " + MAX_DATA_BYTES;
        }
        return null;
    }

    private Map<String, Object> accept(String key, byte[] data, long now) {
        int shard = shardOf(key);
        String shardId = shardId(shard);
        long size = data.length + key.getBytes(StandardCharsets.UTF_8).length;
        if (internalFailureFraction > 0 && random.nextDouble() < internalFailureFraction) {
            internalFailures++;
            return Map.of("ErrorCode", "InternalFailure", "ErrorMessage", "Internal service failure.");
        }
        if (throttleEntriesOfNextCalls > 0 || !quota.tryTake(shard, size, now)) {
            throttled++;
            return Map.of("ErrorCode", "ProvisionedThroughputExceededException", "ErrorMessage",
                    "Rate exceeded for shard " + shardId + " in stream " + streamName + " under account " + ACCOUNT + ".");
        }
        String sequenceNumber = zeroPadded(stored.size() + 1L, 56);
        stored.add(new StoredRecord(shardId, key, data, sequenceNumber));
        accepted++;
        acceptedBytes += size;
        firstAccept = accepted == 1 ? now : firstAccept;
        lastAccept = now;
        return Map.of("SequenceNumber", sequenceNumber, "ShardId", shardId);
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
        }
        server.stop(0);
        threads.shutdownNow();
    }
}
