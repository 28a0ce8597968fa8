package org.locationvisits.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.locationvisits.kinesis.fake.FakeTime;
import org.locationvisits.kinesis.fake.LimitsFaithfulKinesis;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ValidationException;

/** The fake answers the real SDK client the way AWS does at its limits. */
class LimitsFaithfulKinesisTest {
    private final FakeTime time = new FakeTime();
    private final LimitsFaithfulKinesis kinesis = LimitsFaithfulKinesis.start("visits", 1, time);

    @AfterEach
    void close() {
        kinesis.close();
    }

    private PutRecordsResponse put(int count, int bytes) {
        List<PutRecordsRequestEntry> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(PutRecordsRequestEntry.builder().partitionKey("k" + i)
                    .data(SdkBytes.fromByteArray(new byte[bytes])).build());
        }
        return kinesis.client().putRecords(r -> r.streamName("visits").records(records));
    }

    @Test
    void refusesMoreThan500RecordsPerCall() {
        assertThatThrownBy(() -> put(501, 1)).isInstanceOf(ValidationException.class);
    }

    @Test
    void refusesMoreThanFiveMebibytesPerCall() {
        assertThatThrownBy(() -> put(6, 1_000_000)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("5 MB");
    }

    @Test
    void refusesARecordOverOneMebibyte() {
        assertThatThrownBy(() -> put(1, (1 << 20) + 1)).isInstanceOf(ValidationException.class);
    }

    @Test
    void refusesTheWholeCallWhenAPartitionKeyHasMoreThan256Characters() {
        assertThatThrownBy(() -> putKeys("ok", "k".repeat(257))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("records.2.member.partitionKey")
                .hasMessageContaining("less than or equal to 256");
        assertThatThrownBy(() -> putKeys("")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("greater than or equal to 1");
        assertThat(kinesis.records()).isEmpty();
    }

    @Test
    void countsAPartitionKeyInUnicodeCharactersAsAwsDoes() {
        String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units
        assertThat(putKeys("k".repeat(256), emoji.repeat(256)).failedRecordCount()).isZero();
        assertThat(kinesis.records()).extracting(LimitsFaithfulKinesis.StoredRecord::partitionKey)
                .containsExactly("k".repeat(256), emoji.repeat(256));
        assertThatThrownBy(() -> putKeys(emoji.repeat(257))).isInstanceOf(ValidationException.class);
    }

    private PutRecordsResponse putKeys(String... keys) {
        List<PutRecordsRequestEntry> records = new ArrayList<>();
        for (String key : keys) {
            records.add(PutRecordsRequestEntry.builder().partitionKey(key)
                    .data(SdkBytes.fromByteArray(new byte[] {1})).build());
        }
        return kinesis.client().putRecords(r -> r.streamName("visits").records(records));
    }

    @Test
    void throttlesEntriesOverAShardsPerSecondRecordLimit() {
        assertThat(put(500, 10).failedRecordCount()).isZero();
        assertThat(put(500, 10).failedRecordCount()).isZero();
        PutRecordsResponse third = put(10, 10);
        assertThat(third.failedRecordCount()).isEqualTo(10);
        assertThat(third.records().get(0).errorCode()).isEqualTo("ProvisionedThroughputExceededException");

        time.sleep(java.time.Duration.ofSeconds(1));
        assertThat(put(10, 10).failedRecordCount()).isZero();
        assertThat(kinesis.stats().acceptedRecords()).isEqualTo(1_010);
        assertThat(kinesis.stats().throttledEntries()).isEqualTo(10);
    }

    @Test
    void throttlesEntriesOverAShardsPerSecondByteLimit() {
        PutRecordsResponse response = put(3, 400_000);
        assertThat(response.failedRecordCount()).isEqualTo(1);
        assertThat(response.records().get(2).errorCode()).isEqualTo("ProvisionedThroughputExceededException");
    }

    @Test
    void reportsOpenShardCount() {
        assertThat(kinesis.client().describeStreamSummary(r -> r.streamARN(kinesis.streamArn()))
                .streamDescriptionSummary().openShardCount()).isEqualTo(1);
    }
}
