package org.locationvisits.kinesis.sink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.random.RandomGenerator;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.locationvisits.Version;
import org.locationvisits.common.PluginGauges;
import org.locationvisits.avro.LocationVisit;
import org.locationvisits.avro.LocationVisitsConnect;
import org.locationvisits.avro.LocationVisitsEncoder;
import org.locationvisits.avro.SchemaException;
import org.locationvisits.avro.SchemaFetcher;
import org.locationvisits.common.Sleeper;
import org.locationvisits.kinesis.KinesisDeliveryException;
import org.locationvisits.kinesis.KinesisEntry;
import org.locationvisits.kinesis.KinesisForwarder;
import org.locationvisits.kinesis.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import okhttp3.OkHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Encodes each record as schemaless LocationVisits Avro and hands the batch to a {@link SinkSender}, which
 * delivers puts in order with the {@link KinesisForwarder}, several under way at once. {@link #put} returns
 * once the batch is queued; {@link #preCommit} offers the worker only offsets of records Kinesis accepted (or
 * that went to the errant record reporter), together with every record before them. When a delivery fails
 * for good, the next put rewinds the consumer to the first record not delivered and asks to be retried.
 */
public class KinesisSinkTask extends SinkTask {
    private static final Logger log = LoggerFactory.getLogger(KinesisSinkTask.class);

    private final Function<KinesisSinkConfig, KinesisClient> clients;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    /** Per consumed partition, the next offset to consume: everything before it is in Kinesis. */
    private final Map<TopicPartition, OffsetAndMetadata> accepted = new ConcurrentHashMap<>();
    /** Per partition, the first offset handed to the current sender: where to rewind when it fails. */
    private final Map<TopicPartition, Long> firstQueued = new HashMap<>();

    private KinesisSinkConfig config;
    private KinesisClient client;
    private KinesisForwarder forwarder;
    private LocationVisitsEncoder encoder;
    private ErrantRecordReporter reporter;
    private SinkSender sender;

    public KinesisSinkTask() {
        this(KinesisSinkConfig::kinesisClient, RetryPolicy.DEFAULT, Sleeper.SYSTEM);
    }

    KinesisSinkTask(Function<KinesisSinkConfig, KinesisClient> clients, RetryPolicy retry, Sleeper sleeper) {
        this.clients = clients;
        this.retry = retry;
        this.sleeper = sleeper;
    }

    @Override
    public String version() {
        return Version.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new KinesisSinkConfig(props);
        try {
            encoder = new LocationVisitsEncoder(SchemaFetcher.resolve(config.schemaUrl(),
                    new SchemaFetcher(new OkHttpClient())));
        } catch (SchemaException e) {
            throw new ConnectException(e.getMessage(), e);
        }
        reporter = errantRecordReporter();
        client = clients.apply(config);
        forwarder = new KinesisForwarder(client, config.stream(), config.batchSize(),
                retry.withMaxThrottledWait(config.throttleMaxWait()), sleeper,
                System::nanoTime, RandomGenerator.getDefault());
        sender = newSender();
        KinesisForwarder sending = forwarder;
        PluginGauges.of(context::pluginMetrics)
                .gauge("records-sent-total", "Records Kinesis accepted", () -> sending.total().records())
                .gauge("bytes-sent-total", "Bytes Kinesis accepted (data and partition keys)",
                        () -> sending.total().bytes())
                .gauge("throttled-entries-total", "Entries Kinesis refused for shard throughput",
                        () -> sending.total().throttledEntries())
                .gauge("retried-entries-total", "Entries sent again after a failure",
                        () -> sending.total().retriedEntries())
                .gauge("put-records-calls-total", "PutRecords calls, failed ones included", () -> sending.total().calls());
        log.info("Forwarding LocationVisits records to Kinesis stream {} in batches of up to {}; records that "
                + "cannot be encoded {}", config.stream(), config.batchSize(), config.tolerateAll()
                ? "go to the errant record reporter (errors.tolerance=all)" : "fail the task");
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        if (rewoundAfterFailure(records) || records.isEmpty()) {
            return;
        }
        List<KinesisEntry> entries = new ArrayList<>(records.size());
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (SinkRecord record : records) {
            KinesisEntry entry = encode(record);
            if (entry != null) {
                entries.add(entry);
            }
            offsets.put(partitionOf(record), new OffsetAndMetadata(record.originalKafkaOffset() + 1));
        }
        try {
            if (sender.submit(entries, offsets)) {
                records.forEach(record -> firstQueued.putIfAbsent(partitionOf(record), record.originalKafkaOffset()));
            } else {
                rewoundAfterFailure(records);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("interrupted while queueing " + records.size() + " records for Kinesis", e);
        }
    }

    /**
     * When the sender failed for good (the puts it reported before stay accepted): rewinds every partition it
     * was given, and those of {@code records} (not queued), to the first record not accepted, starts a new
     * sender, and lets the worker read them again after the backoff. True when it did.
     */
    private boolean rewoundAfterFailure(Collection<SinkRecord> records) {
        RuntimeException failure = sender.failure();
        if (failure == null) {
            return false;
        }
        records.forEach(record -> firstQueued.merge(partitionOf(record), record.originalKafkaOffset(), Math::min));
        Map<TopicPartition, Long> rewind = new HashMap<>();
        firstQueued.forEach((partition, first) -> {
            OffsetAndMetadata done = accepted.get(partition);
            rewind.put(partition, done != null ? done.offset() : first);
        });
        context.offset(rewind);
        context.timeout(config.retryBackoff().toMillis());
        firstQueued.clear();
        sender = newSender();
        log.warn("{}; reading the records again from {} in {} ms", failure.getMessage(), rewind,
                config.retryBackoff().toMillis());
        return true;
    }

    private static TopicPartition partitionOf(SinkRecord record) {
        return new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
    }

    /** Queues at most ~8 calls' worth of entries per in-flight call limit beyond what is being sent. */
    private SinkSender newSender() {
        return new SinkSender(forwarder, accepted, KinesisForwarder.DEFAULT_MAX_CALLS_IN_FLIGHT * config.batchSize());
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        for (TopicPartition partition : currentOffsets.keySet()) {
            OffsetAndMetadata offset = accepted.get(partition);
            if (offset != null) {
                commit.put(partition, offset);
            }
        }
        return commit;
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        accepted.keySet().removeAll(partitions);
        firstQueued.keySet().removeAll(partitions);
    }

    @Override
    public void stop() {
        if (sender != null) {
            sender.close();
        }
        if (forwarder != null) {
            forwarder.close();
        }
        if (client != null) {
            client.close();
        }
    }

    /** The record's Kinesis entry, or null when it could not be encoded and went to the errant record reporter. */
    private KinesisEntry encode(SinkRecord record) {
        try {
            LocationVisit visit = visitOf(record.value());
            return new KinesisEntry(visit.key(), encoder.encode(visit));
        } catch (RuntimeException e) {
            String where = "topic " + record.topic() + ", partition " + record.kafkaPartition() + ", offset "
                    + record.kafkaOffset();
            if (!config.tolerateAll()) {
                throw new ConnectException("Cannot encode the record at " + where + " as LocationVisits: "
                        + e.getMessage() + ". Fix the record's producer, or set errors.tolerance=all (with "
                        + "errors.deadletterqueue.topic.name) to set such records aside.", e);
            }
            if (reporter != null) {
                reporter.report(record, e);
                log.warn("Record at {} cannot be encoded as LocationVisits ({}); sent to the errant record reporter",
                        where, e.getMessage());
            } else {
                log.error("Record at {} cannot be encoded as LocationVisits ({}); skipped (errors.tolerance=all, "
                        + "and this worker has no errant record reporter)", where, e.getMessage());
            }
            return null;
        }
    }

    private static LocationVisit visitOf(Object value) {
        if (value instanceof Struct) {
            return LocationVisitsConnect.fromStruct((Struct) value);
        }
        if (value instanceof Map) {
            return LocationVisitsConnect.fromMap((Map<?, ?>) value);
        }
        throw new DataException("expected a " + LocationVisitsConnect.SCHEMA_NAME + " Struct or map, got "
                + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    private ErrantRecordReporter errantRecordReporter() {
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null; // a worker older than Kafka 2.6
        }
    }
}
