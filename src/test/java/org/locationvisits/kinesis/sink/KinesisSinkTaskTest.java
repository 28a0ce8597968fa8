package org.locationvisits.kinesis.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.locationvisits.avro.LocationVisit;
import org.locationvisits.avro.LocationVisitsConnect;
import org.locationvisits.avro.PartitionKey;
import org.locationvisits.kinesis.RetryPolicy;
import org.locationvisits.kinesis.fake.LimitsFaithfulKinesis;
import software.amazon.awssdk.services.kinesis.KinesisClient;

class KinesisSinkTaskTest {
    private static final TopicPartition PARTITION = new TopicPartition("visits", 0);
    /** Only a broken task makes a test wait this long (real time), once. */
    private static final long PATIENCE_NANOS = Duration.ofSeconds(20).toNanos();

    private final LimitsFaithfulKinesis kinesis = LimitsFaithfulKinesis.start("sink", 1);
    private final SinkTaskContext context = mock(SinkTaskContext.class);
    private KinesisSinkTask task;

    @AfterEach
    void close() {
        task.stop();
        kinesis.close();
    }

    private void start(KinesisClient client) {
        task = new KinesisSinkTask(config -> client, new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1)),
                duration -> { });
        task.initialize(context);
        task.start(Map.of(KinesisSinkConfig.STREAM_CONFIG, kinesis.streamArn(), KinesisSinkConfig.REGION_CONFIG,
                "us-east-1"));
    }

    @Test
    @Timeout(60) // a put that waited for Kinesis would wait for the held call forever
    void aPutReturnsOnceQueuedAndOffsetsAreOfferedOnlyOnceKinesisAcceptedThemAndAllBefore() {
        CountDownLatch release = new CountDownLatch(1);
        start(holdingFirstCall(kinesis.client(), release));
        Map<TopicPartition, OffsetAndMetadata> current = Map.of(PARTITION, new OffsetAndMetadata(100));

        task.put(List.of(record(10, "aa lib"), record(11, "bronx lib")));
        task.put(List.of(record(12, "snfl")));

        assertThat(task.preCommit(current)).as("the first put's call is held").isEmpty();
        assertThat(kinesis.records()).isEmpty();
        release.countDown();
        await(() -> !task.preCommit(current).isEmpty() && task.preCommit(current).get(PARTITION).offset() == 13);
        assertThat(kinesis.records()).extracting(LimitsFaithfulKinesis.StoredRecord::partitionKey)
                .containsExactly("aa lib|1|2024-03-25T09:00:00", "bronx lib|1|2024-03-25T09:00:00",
                        "snfl|1|2024-03-25T09:00:00");
        verify(context, never()).offset(org.mockito.ArgumentMatchers.<Map<TopicPartition, Long>>any());
    }

    @Test
    void aFailedDeliveryRewindsToTheFirstRecordNotAcceptedAndCommitsNothingBeyond() {
        start(kinesis.client());
        List<SinkRecord> batch = List.of(record(10, "aa lib"), record(11, "bronx lib"), record(12, "snfl"));
        Map<TopicPartition, OffsetAndMetadata> current = Map.of(PARTITION, new OffsetAndMetadata(13));

        kinesis.failEntriesWithInternalFailure(1.0);
        task.put(batch);
        await(() -> {
            task.put(List.of()); // the worker's next put learns of the failure
            return mockingDetails(context).getInvocations().stream()
                    .anyMatch(call -> call.getMethod().getName().equals("offset"));
        });

        verify(context).offset(Map.of(PARTITION, 10L));
        verify(context).timeout(anyLong());
        assertThat(task.preCommit(current)).isEmpty();
        assertThat(kinesis.records()).isEmpty();

        kinesis.failEntriesWithInternalFailure(0.0);
        task.put(batch); // read again from offset 10
        await(() -> !task.preCommit(current).isEmpty());

        assertThat(task.preCommit(current)).containsExactly(Map.entry(PARTITION, new OffsetAndMetadata(13)));
        assertThat(kinesis.records()).extracting(LimitsFaithfulKinesis.StoredRecord::partitionKey)
                .containsExactlyInAnyOrder("aa lib|1|2024-03-25T09:00:00", "bronx lib|1|2024-03-25T09:00:00",
                        "snfl|1|2024-03-25T09:00:00");
    }

    @Test
    void aSiteIdTooLongForAPartitionKeyIsSentUnderTheShortenedKeyWithItsValueWhole() {
        start(kinesis.client());
        String site = "long site ".repeat(30);
        Map<TopicPartition, OffsetAndMetadata> current = Map.of(PARTITION, new OffsetAndMetadata(11));

        task.put(List.of(record(10, site)));
        await(() -> !task.preCommit(current).isEmpty());

        assertThat(task.preCommit(current)).containsExactly(Map.entry(PARTITION, new OffsetAndMetadata(11)));
        assertThat(kinesis.records()).singleElement().satisfies(stored -> {
            assertThat(stored.partitionKey()).isEqualTo(PartitionKey.of(site, 1, "2024-03-25T09:00:00"))
                    .hasSizeLessThanOrEqualTo(PartitionKey.MAX_CHARS);
            assertThat(new String(stored.data(), java.nio.charset.StandardCharsets.UTF_8)).contains(site);
        });
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited too long").isLessThan(deadline);
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The fake's client, its first PutRecords call held until {@code release}. */
    private static KinesisClient holdingFirstCall(KinesisClient real, CountDownLatch release) {
        boolean[] held = {false};
        return (KinesisClient) Proxy.newProxyInstance(KinesisClient.class.getClassLoader(),
                new Class<?>[] {KinesisClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("putRecords")) {
                        boolean first;
                        synchronized (held) {
                            first = !held[0];
                            held[0] = true;
                        }
                        if (first) {
                            release.await();
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static SinkRecord record(long offset, String site) {
        LocationVisit visit = new LocationVisit(site, 1, "2024-03-25T09:00:00", 4, 3, true, false, "2024-03-26");
        return new SinkRecord(PARTITION.topic(), PARTITION.partition(), null, visit.key(),
                LocationVisitsConnect.connectSchema(), LocationVisitsConnect.toStruct(visit), offset);
    }
}
