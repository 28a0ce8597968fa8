package org.locationvisits.bench;

import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.locationvisits.avro.LocationVisit;
import org.locationvisits.avro.LocationVisitsConnect;
import org.locationvisits.kinesis.fake.LimitsFaithfulKinesis;
import org.locationvisits.kinesis.sink.KinesisSinkConfig;
import org.locationvisits.kinesis.sink.KinesisSinkTask;

/**
 * The Kinesis sink task as a worker drives it (puts of {@code max.poll.records} = 500 records, offsets asked
 * for with preCommit) against the limits-faithful fake at a given shard count and per-call latency, with the
 * task's real Kinesis client over HTTP. Two ways: each put waits until its records are accepted (how the sink
 * worked before puts were queued), and puts queued back to back. Reports rows/s and the ratio to capacity.
 * Usage: {@code SinkBenchmark [shards] [latency ms] [records]}, default 32 100 200000.
 */
public final class SinkBenchmark {
    private static final TopicPartition PARTITION = new TopicPartition("visits", 0);
    private static final int PUT_SIZE = 500;

    private SinkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int shards = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int latency = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
        System.setProperty("aws.accessKeyId", "bench");
        System.setProperty("aws.secretAccessKey", "bench");
        List<SinkRecord> records = records(count);
        System.out.println("| shards | latency/call | records | put waits for its records: rows/s (ratio) "
                + "| puts queued: rows/s (ratio) | lost |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        double[] waiting = run(shards, latency, records, true);
        double[] queued = run(shards, latency, records, false);
        System.out.printf("| %d | %d ms | %,d | %,.0f (%.3f) | %,.0f (%.3f) | %d |%n", shards, latency, count,
                waiting[0], waiting[0] / (shards * 1000.0), queued[0], queued[0] / (shards * 1000.0),
                (long) (waiting[1] + queued[1]));
    }

    /** Rows/s from the first put to the last offset offered, and records lost (never stored). */
    private static double[] run(int shards, int latency, List<SinkRecord> records, boolean waitEachPut)
            throws InterruptedException {
        try (LimitsFaithfulKinesis kinesis = LimitsFaithfulKinesis.start("bench-sink-" + waitEachPut, shards)) {
            kinesis.gate().latency(Duration.ofMillis(latency));
            KinesisSinkTask task = new KinesisSinkTask();
            task.initialize(mock(SinkTaskContext.class));
            task.start(Map.of(KinesisSinkConfig.STREAM_CONFIG, kinesis.streamArn(),
                    KinesisSinkConfig.REGION_CONFIG, LimitsFaithfulKinesis.REGION,
                    KinesisSinkConfig.ENDPOINT_CONFIG, kinesis.endpoint().toString()));
            Map<TopicPartition, OffsetAndMetadata> current = Map.of(PARTITION, new OffsetAndMetadata(records.size()));
            long started = System.nanoTime();
            try {
                for (int from = 0; from < records.size(); from += PUT_SIZE) {
                    List<SinkRecord> put = records.subList(from, Math.min(records.size(), from + PUT_SIZE));
                    task.put(put);
                    if (waitEachPut) {
                        awaitOffset(task, current, put.get(put.size() - 1).kafkaOffset() + 1);
                    }
                }
                awaitOffset(task, current, records.size());
            } finally {
                task.stop();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long stored = kinesis.records().stream().map(LimitsFaithfulKinesis.StoredRecord::partitionKey)
                    .distinct().count();
            return new double[] {records.size() / seconds, records.size() - stored};
        }
    }

    private static void awaitOffset(KinesisSinkTask task, Map<TopicPartition, OffsetAndMetadata> current, long offset)
            throws InterruptedException {
        while (true) {
            OffsetAndMetadata committed = task.preCommit(current).get(PARTITION);
            if (committed != null && committed.offset() >= offset) {
                return;
            }
            Thread.sleep(1);
        }
    }

    private static List<SinkRecord> records(int count) {
        LocalDateTime first = LocalDateTime.of(2024, 1, 1, 0, 0);
        List<SinkRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String start = first.plusMinutes(15L * (i / 1000)).toString() + ":00";
            LocationVisit visit = new LocationVisit("site " + (i % 1000), 1, start, 4, 3, true, false, "2024-03-26");
            records.add(new SinkRecord(PARTITION.topic(), PARTITION.partition(), null, visit.key(),
                    LocationVisitsConnect.connectSchema(), LocationVisitsConnect.toStruct(visit), i));
        }
        return records;
    }
}
