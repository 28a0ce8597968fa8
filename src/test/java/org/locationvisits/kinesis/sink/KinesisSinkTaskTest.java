package org.locationvisits.kinesis.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.locationvisits.avro.LocationVisit;
import org.locationvisits.avro.LocationVisitsConnect;
import org.locationvisits.kinesis.RetryPolicy;
import org.locationvisits.kinesis.fake.LimitsFaithfulKinesis;

class KinesisSinkTaskTest {
    private static final TopicPartition PARTITION = new TopicPartition("visits", 0);

    private final LimitsFaithfulKinesis kinesis = LimitsFaithfulKinesis.start("sink", 1);
    private final KinesisSinkTask task = new KinesisSinkTask(config -> kinesis.client(),
            new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1)), duration -> { });

    @AfterEach
    void close() {
        task.stop();
        kinesis.close();
    }

    @Test
    void commitsNothingWhileKinesisRefusesTheBatchThenCommitsWhatItAccepted() {
        task.initialize(mock(SinkTaskContext.class));
        task.start(Map.of(KinesisSinkConfig.STREAM_CONFIG, kinesis.streamArn(), KinesisSinkConfig.REGION_CONFIG,
                "us-east-1"));
        List<SinkRecord> batch = List.of(record(10, "aa lib"), record(11, "bronx lib"), record(12, "snfl"));
        Map<TopicPartition, OffsetAndMetadata> current = Map.of(PARTITION, new OffsetAndMetadata(13));

        kinesis.failEntriesWithInternalFailure(1.0);
        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class)
                .hasMessageContaining("3 of 3 entries were not delivered");
        assertThat(task.preCommit(current)).isEmpty();
        assertThat(kinesis.records()).isEmpty();

        kinesis.failEntriesWithInternalFailure(0.0);
        task.put(batch);

        assertThat(task.preCommit(current)).containsExactly(Map.entry(PARTITION, new OffsetAndMetadata(13)));
        assertThat(kinesis.records()).extracting(LimitsFaithfulKinesis.StoredRecord::partitionKey)
                .containsExactlyInAnyOrder("aa lib|1|2024-03-25T09:00:00", "bronx lib|1|2024-03-25T09:00:00",
                        "snfl|1|2024-03-25T09:00:00");
    }

    private static SinkRecord record(long offset, String site) {
        LocationVisit visit = new LocationVisit(site, 1, "2024-03-25T09:00:00", 4, 3, true, false, "2024-03-26");
        return new SinkRecord(PARTITION.topic(), PARTITION.partition(), null, visit.key(),
                LocationVisitsConnect.connectSchema(), LocationVisitsConnect.toStruct(visit), offset);
    }
}
