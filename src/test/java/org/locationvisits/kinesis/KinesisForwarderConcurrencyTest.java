package org.locationvisits.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.locationvisits.kinesis.fake.FakeTime;
import org.locationvisits.kinesis.fake.LimitsFaithfulKinesis;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;

/** Several PutRecords calls under way at once: one per shard, a clean failure, a reshard in the middle. */
class KinesisForwarderConcurrencyTest {
    /** Only a sender that never has four calls under way at once waits this long (real time), once. */
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final FakeTime time = new FakeTime();
    private LimitsFaithfulKinesis kinesis;

    @AfterEach
    void closeFake() {
        kinesis.close();
    }

    private KinesisForwarder forwarder(KinesisClient client) {
        return new KinesisForwarder(client, "visits", 500, RetryPolicy.DEFAULT, time, time, new SplittableRandom(7));
    }

    private List<KinesisEntry> stored() {
        return kinesis.records().stream().map(r -> new KinesisEntry(r.partitionKey(), r.data())).toList();
    }

    @Test
    void keepsSeveralCallsInFlightButNeverTwoForOneShard() {
        kinesis = LimitsFaithfulKinesis.start("visits", 8, time);
        kinesis.gate().holdFirstCallsUntil(4, PATIENCE);
        List<KinesisEntry> entries = Entries.of(16_000, 400);

        forwarder(kinesis.client()).send(entries);

        assertThat(kinesis.gate().holdTimedOut()).as("four calls under way at once").isFalse();
        assertThat(kinesis.gate().maxConcurrentCalls()).isGreaterThanOrEqualTo(4);
        assertThat(kinesis.gate().maxConcurrentCallsPerShard()).isEqualTo(1);
        assertThat(Entries.byKey(stored())).isEqualTo(Entries.byKey(entries)); // each key's order kept
        assertThat(kinesis.stats().throttledEntries()).isZero();
    }

    @Test
    void aFatalFailureEndsTheSendOnlyAfterTheCallsUnderWayCameBack() {
        kinesis = LimitsFaithfulKinesis.start("visits", 8, time);
        FaultyKinesisClient client = new FaultyKinesisClient(kinesis.client())
                .failCallHoldingEarlierOnes(4, KinesisForwarderConcurrencyTest::accessDenied);
        List<KinesisEntry> entries = Entries.of(16_000, 400);

        KinesisDeliveryException failure = catchThrowableOfType(KinesisDeliveryException.class,
                () -> forwarder(client).send(entries));

        assertThat(client.holdTimedOut()).as("the failing call under way with three others").isFalse();
        assertThat(client.underWay()).as("calls still under way when send threw").isZero();
        assertThat(kinesis.records()).hasSizeGreaterThanOrEqualTo(3 * 500); // the three held calls landed
        assertThat(failure.undelivered()).isEqualTo(entries.size() - kinesis.records().size());
        assertThat(failure).hasMessageContaining("Kinesis stream 'visits'").hasMessageContaining("AccessDeniedException");
    }

    @Test
    void loosesNothingAndKeepsEachKeysOrderWhenShardsMergeDuringASend() {
        kinesis = LimitsFaithfulKinesis.start("visits", 4, time);
        kinesis.reshardAfterCalls(6, 2);
        List<KinesisEntry> entries = Entries.of(20_000, 300);

        KinesisForwarder forwarder = forwarder(kinesis.client());
        forwarder.send(entries);

        assertThat(Entries.keyed(stored())).isEqualTo(Entries.keyed(entries));
        assertThat(Entries.byKey(stored())).isEqualTo(Entries.byKey(entries));
        // Paced for four shards, the two left throttle; the forwarder reads the shards again and paces for two.
        assertThat(kinesis.stats().throttledEntries()).isPositive();
        assertThat(kinesis.listShardsCalls()).isGreaterThanOrEqualTo(2);
        assertThat(forwarder.lastSend().retriedEntries()).isEqualTo(kinesis.stats().throttledEntries());
    }

    @Test
    void loosesNothingAndKeepsEachKeysOrderWhenShardsSplitDuringASend() {
        kinesis = LimitsFaithfulKinesis.start("visits", 2, time);
        kinesis.reshardAfterCalls(3, 4);
        List<KinesisEntry> entries = Entries.of(8_000, 300);

        forwarder(kinesis.client()).send(entries);

        assertThat(Entries.byKey(stored())).isEqualTo(Entries.byKey(entries));
        assertThat(kinesis.records()).extracting(LimitsFaithfulKinesis.StoredRecord::shardId)
                .anyMatch(id -> id.startsWith("shardId-0000000000")) // before the split
                .anyMatch(id -> id.startsWith("shardId-0000000010")); // after it
    }

    private static KinesisException accessDenied() {
        return (KinesisException) KinesisException.builder().statusCode(400)
                .message("not authorized to perform: kinesis:PutRecords")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException")
                        .errorMessage("not authorized to perform: kinesis:PutRecords").build())
                .build();
    }
}
