package org.locationvisits.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.locationvisits.kinesis.fake.FakeTime;
import org.locationvisits.kinesis.fake.LimitsFaithfulKinesis;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** What the forwarder retries, for how long, and how it reports what it cannot fix. */
class KinesisForwarderFailuresTest {
    private final FakeTime time = new FakeTime();
    private final LimitsFaithfulKinesis kinesis = LimitsFaithfulKinesis.start("visits", 1, time);

    @AfterEach
    void closeFake() {
        kinesis.close();
    }

    private KinesisForwarder forwarder(KinesisClient client, String stream, RetryPolicy retry) {
        return new KinesisForwarder(client, stream, 500, retry, time, time, new SplittableRandom(7));
    }

    @Test
    void retriesAPutRecordsAttemptThatTimedOut() {
        FaultyKinesisClient client = new FaultyKinesisClient(kinesis.client())
                .failNext(() -> ApiCallAttemptTimeoutException.create(30_000), 2);
        KinesisForwarder forwarder = forwarder(client, "visits", RetryPolicy.DEFAULT);

        forwarder.send(Entries.of(10, 2));

        assertThat(kinesis.records()).hasSize(10);
        assertThat(forwarder.lastSend().calls()).isEqualTo(3);
        assertThat(forwarder.lastSend().retriedEntries()).isEqualTo(20);
    }

    @Test
    void countsTimedOutAttemptsAgainstTheAttemptLimit() {
        FaultyKinesisClient client = new FaultyKinesisClient(kinesis.client())
                .failNext(() -> ApiCallAttemptTimeoutException.create(30_000), 3);
        KinesisForwarder forwarder = forwarder(client, "visits", new RetryPolicy(3, Duration.ofMillis(100),
                Duration.ofSeconds(1)));

        assertThatThrownBy(() -> forwarder.send(Entries.of(10, 2)))
                .isInstanceOf(KinesisDeliveryException.class)
                .hasMessageContaining("after 3 attempts")
                .hasMessageContaining("ApiCallAttemptTimeoutException");
        assertThat(kinesis.records()).isEmpty();
    }

    @Test
    void throttlingDoesNotUseUpTheAttemptsMeantForErrors() {
        kinesis.throttleEntriesOfNextCalls(20); // another producer fills the shard for 20 of our calls
        KinesisForwarder forwarder = forwarder(kinesis.client(), "visits", RetryPolicy.DEFAULT);

        forwarder.send(Entries.of(10, 2));

        assertThat(kinesis.records()).hasSize(10);
        assertThat(forwarder.lastSend().calls()).isEqualTo(21);
        assertThat(forwarder.lastSend().throttledEntries()).isEqualTo(200);
        // Each throttled answer marks the shard full for a second; no error backoff on top.
        assertThat(time.slept()).isBetween(Duration.ofSeconds(20), Duration.ofMillis(20_100));
    }

    @Test
    void givesUpWhenThrottledLongerThanAllowedSayingSo() {
        kinesis.throttleEntriesOfNextCalls(1_000);
        KinesisForwarder forwarder = forwarder(kinesis.client(), "visits",
                RetryPolicy.DEFAULT.withMaxThrottledWait(Duration.ofSeconds(30)));

        assertThatThrownBy(() -> forwarder.send(Entries.of(10, 2)))
                .isInstanceOf(KinesisDeliveryException.class)
                .hasMessageContaining("10 of 10 entries were not delivered to Kinesis stream 'visits'")
                .hasMessageContaining("throttled them for 30 s")
                .hasMessageContaining("ProvisionedThroughputExceededException");
        assertThat(time.slept()).isBetween(Duration.ofSeconds(30), Duration.ofMillis(30_100));
        assertThat(forwarder.lastSend().calls()).isEqualTo(31);
    }

    @Test
    void theAttemptLimitCountsErrorsOnly() {
        kinesis.throttleEntriesOfNextCalls(5);
        FaultyKinesisClient client = new FaultyKinesisClient(kinesis.client())
                .failCalls(() -> ApiCallAttemptTimeoutException.create(30_000), 6, 8, 9);
        KinesisForwarder forwarder = forwarder(client, "visits", new RetryPolicy(2, Duration.ofMillis(100),
                Duration.ofSeconds(1)));

        forwarder.send(Entries.of(10, 2)); // five throttled calls and one error: one attempt of two used
        assertThat(kinesis.records()).hasSize(10);
        assertThat(forwarder.lastSend().calls()).isEqualTo(7);

        assertThatThrownBy(() -> forwarder.send(Entries.of(10, 2))).hasMessageContaining("after 2 attempts");
        assertThat(forwarder.lastSend().calls()).isEqualTo(2);
    }

    @Test
    void failsAtOnceNamingTheStreamWhenItDoesNotExist() {
        KinesisForwarder forwarder = forwarder(kinesis.client(), "no-such-stream", RetryPolicy.DEFAULT);

        assertThatThrownBy(() -> forwarder.send(Entries.of(10, 2)))
                .isInstanceOf(KinesisDeliveryException.class)
                .hasMessageContaining("10 of 10 entries were not delivered to Kinesis stream 'no-such-stream'")
                .hasMessageContaining("check the stream name or ARN and the region")
                .hasMessageContaining("ResourceNotFoundException");
        assertThat(kinesis.stats().putRecordsCalls()).isZero();
        assertThat(time.slept()).isZero();
    }

    @Test
    void failsAtOnceNamingTheStreamWhenPutRecordsIsDenied() {
        kinesis.denyPutRecords();
        KinesisForwarder forwarder = forwarder(kinesis.client(), kinesis.streamArn(), RetryPolicy.DEFAULT);

        assertThatThrownBy(() -> forwarder.send(Entries.of(10, 2)))
                .isInstanceOf(KinesisDeliveryException.class)
                .hasMessageContaining("10 of 10 entries were not delivered to Kinesis stream '" + kinesis.streamArn())
                .hasMessageContaining("AccessDeniedException (HTTP 400)")
                .hasMessageContaining("grant kinesis:PutRecords");
        assertThat(kinesis.stats().putRecordsCalls()).isEqualTo(1); // not retried
        assertThat(time.slept()).isZero();
    }

    @Test
    void readsEveryPageOfListShards() {
        try (LimitsFaithfulKinesis five = LimitsFaithfulKinesis.start("five", 5, time)) {
            five.listShardsPageSize(2);
            KinesisForwarder forwarder = forwarder(five.client(), "five", RetryPolicy.DEFAULT);

            forwarder.send(Entries.of(4_000, 4_000));

            assertThat(five.listShardsCalls()).isEqualTo(3); // shards 0-1, 2-3, 4
            assertThat(five.describeStreamSummaryCalls()).isZero(); // no fallback to an equal split
            assertThat(five.stats().throttledEntries()).isZero();
            assertThat(five.records()).hasSize(4_000);
        }
    }

    @Test
    void aStoppedKinesisNamesTheOperationTheStreamAndWhatToCheck() {
        java.net.URI stopped = kinesis.endpoint();
        kinesis.close();
        try (KinesisClient client = org.locationvisits.common.AwsClients.kinesis(LimitsFaithfulKinesis.REGION,
                stopped, "fake", "fake")) {
            KinesisForwarder forwarder = forwarder(client, "visits", new RetryPolicy(2, Duration.ofMillis(100),
                    Duration.ofSeconds(1)));

            assertThatThrownBy(() -> forwarder.send(Entries.of(10, 2)))
                .isInstanceOf(KinesisDeliveryException.class)
                .hasMessageStartingWith("Kinesis PutRecords failed: 10 of 10 entries were not delivered to Kinesis"
                        + " stream 'visits'")
                    .hasMessageContaining("check that the Kinesis endpoint is reachable")
                    .hasMessageNotContaining("\n");
        }
    }
}
