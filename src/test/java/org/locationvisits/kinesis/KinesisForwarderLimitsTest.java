package org.locationvisits.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.locationvisits.kinesis.fake.FakeTime;
import org.locationvisits.kinesis.fake.LimitsFaithfulKinesis;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/** The forwarder against a fake that enforces AWS's limits and injects failures. */
class KinesisForwarderLimitsTest {
    private final FakeTime time = new FakeTime();
    private LimitsFaithfulKinesis kinesis;

    @AfterEach
    void closeFake() {
        if (kinesis != null) {
            kinesis.close();
        }
    }

    /** A forwarder on the fake clock, so backoff and pacing take no real time. */
    private KinesisForwarder forwarder(int shards, RetryPolicy retry) {
        kinesis = LimitsFaithfulKinesis.start("visits", shards, time);
        return new KinesisForwarder(kinesis.client(), "visits", 500, retry, time, time, new SplittableRandom(7));
    }

    private List<KinesisEntry> stored() {
        return kinesis.records().stream().map(r -> new KinesisEntry(r.partitionKey(), r.data())).toList();
    }

    @Test
    void resendsOnlyFailedEntriesSoNothingIsLostOrDuplicated() {
        KinesisForwarder forwarder = forwarder(4, RetryPolicy.DEFAULT);
        kinesis.failEntriesWithInternalFailure(0.3);
        List<KinesisEntry> entries = Entries.of(400, 20);

        forwarder.send(entries);

        assertThat(Entries.keyed(stored())).isEqualTo(Entries.keyed(entries));
        SendStats stats = forwarder.lastSend();
        assertThat(stats.records()).isEqualTo(400);
        assertThat(stats.retriedEntries()).isEqualTo(kinesis.stats().internalFailures());
        assertThat(stats.throttledEntries()).isZero();
    }

    @Test
    void pacesASingleShardBackfillSoAlmostNothingIsThrottled() {
        KinesisForwarder forwarder = forwarder(1, RetryPolicy.DEFAULT);
        List<KinesisEntry> entries = Entries.of(3_000, 50);

        forwarder.send(entries);

        assertThat(Entries.keyed(stored())).isEqualTo(Entries.keyed(entries));
        assertThat(forwarder.lastSend().throttledEntries()).isZero();
        assertThat(kinesis.stats().throttledEntries()).isZero();
        // 3,000 records at 1,000/s: the first second's share goes at once, the rest waits two seconds.
        assertThat(time.slept()).isBetween(Duration.ofSeconds(2), Duration.ofMillis(2_100));
    }

    @Test
    void pacesAgainstTheShardsOwnSecondsWhereverTheyBegin() {
        FakeTime midSecond = new FakeTime(Duration.ofMillis(400)); // the fake's one-second windows start 0.6 s later
        kinesis = LimitsFaithfulKinesis.start("visits", 1, midSecond);
        KinesisForwarder forwarder = new KinesisForwarder(kinesis.client(), "visits", 500, RetryPolicy.DEFAULT,
                midSecond, midSecond, new SplittableRandom(7));
        List<KinesisEntry> entries = Entries.of(2_500, 25);

        forwarder.send(entries);

        assertThat(Entries.keyed(stored())).isEqualTo(Entries.keyed(entries));
        assertThat(kinesis.stats().throttledEntries()).isZero();
        // 2,500 records at 1,000/s need three one-second windows: the pacer waited instead of being refused.
        assertThat(forwarder.lastSend().elapsed()).isBetween(Duration.ofSeconds(2), Duration.ofMillis(2_100));
        assertThat(forwarder.lastSend().pacedWait()).isEqualTo(forwarder.lastSend().elapsed());
    }

    @Test
    void pacesEachShardSoSkewedKeysAreNotThrottled() {
        KinesisForwarder forwarder = forwarder(2, RetryPolicy.DEFAULT);
        List<KinesisEntry> entries = new ArrayList<>();
        // Four of five entries hash to shard 0: a stream-total pace of 2,000/s would overrun it every second.
        for (int n = 0; entries.size() < 6_000; n++) {
            String key = "site-" + n;
            if (kinesis.shardOf(key) == 0 || n % 4 == 0) {
                entries.add(new KinesisEntry(key, ("record-" + n).getBytes(StandardCharsets.UTF_8)));
            }
        }
        long onShard0 = entries.stream().filter(e -> kinesis.shardOf(e.partitionKey()) == 0).count();
        assertThat(onShard0).isBetween(4_600L, 4_999L);

        forwarder.send(entries);

        assertThat(Entries.keyed(stored())).isEqualTo(Entries.keyed(entries));
        assertThat(kinesis.stats().throttledEntries()).isZero();
        assertThat(forwarder.lastSend().retriedEntries()).isZero();
        // Shard 0 takes its 4,6xx entries in five one-second windows; shard 1's entries ride along meanwhile.
        assertThat(time.slept()).isBetween(Duration.ofSeconds(4), Duration.ofMillis(4_100));
    }

    @Test
    void mergesRefusedEntriesIntoTheNextCall() {
        KinesisForwarder forwarder = forwarder(1, RetryPolicy.DEFAULT);
        // Another producer took 900 of the shard's 1,000 records this second, unknown to the forwarder.
        List<PutRecordsRequestEntry> other = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            other.add(PutRecordsRequestEntry.builder().partitionKey("other-" + i).data(SdkBytes.fromUtf8String("x")).build());
        }
        kinesis.client().putRecords(r -> r.streamName("visits").records(other));
        kinesis.client().putRecords(r -> r.streamName("visits").records(other));
        List<KinesisEntry> entries = Entries.of(600, 6);

        forwarder.send(entries);

        // 500 sent: 100 accepted, 400 throttled; a second later the 400 lead the next call, filled up with the
        // last 100 (re-sending them alone would have taken a third call).
        assertThat(forwarder.lastSend().calls()).isEqualTo(2);
        assertThat(kinesis.stats().putRecordsCalls()).isEqualTo(2 + 2);
        assertThat(forwarder.lastSend().throttledEntries()).isEqualTo(400);
        assertThat(forwarder.lastSend().retriedEntries()).isEqualTo(400);
        List<KinesisEntry> ours = stored().stream().filter(e -> e.partitionKey().startsWith("site-")).toList();
        assertThat(Entries.byKey(ours)).isEqualTo(Entries.byKey(entries)); // each key's order kept
        assertThat(time.slept()).isEqualTo(Duration.ofSeconds(1)); // paced by the shard's window, no backoff
    }

    @Test
    void fallsBackToTheOpenShardCountWhenListShardsIsDenied() {
        KinesisForwarder forwarder = forwarder(4, RetryPolicy.DEFAULT);
        kinesis.denyListShards();
        List<KinesisEntry> entries = Entries.of(10_000, 3_000);

        forwarder.send(entries);

        assertThat(Entries.keyed(stored())).isEqualTo(Entries.keyed(entries));
        assertThat(kinesis.stats().throttledEntries()).isZero();
        assertThat(kinesis.listShardsCalls()).isEqualTo(1);
        // 10,000 records at 4 x 1,000/s: the busiest shard needs a little over two seconds.
        assertThat(time.slept()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(3));
    }

    @Test
    void retriesWholeCallFailuresAndThrottling() {
        KinesisForwarder forwarder = forwarder(2, RetryPolicy.DEFAULT);
        kinesis.failNextCalls(2);
        forwarder.send(Entries.of(10, 2));
        kinesis.throttleNextCalls(1);
        forwarder.send(Entries.of(10, 2));

        assertThat(kinesis.records()).hasSize(20);
        assertThat(kinesis.stats().refusedCalls()).isEqualTo(3);
        assertThat(forwarder.total().calls()).isEqualTo(5);
        assertThat(forwarder.total().throttledEntries()).isEqualTo(10);
        assertThat(forwarder.total().retriedEntries()).isEqualTo(30);
    }

    @Test
    void givesUpAfterMaxAttemptsNamingTheCounts() {
        KinesisForwarder forwarder = forwarder(1, new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1)));
        kinesis.failEntriesWithInternalFailure(1.0);

        assertThatThrownBy(() -> forwarder.send(Entries.of(10, 2)))
                .isInstanceOf(KinesisDeliveryException.class)
                .hasMessageContaining("10 of 10 entries were not delivered")
                .hasMessageContaining("after 3 attempts")
                .hasMessageContaining("InternalFailure")
                .satisfies(e -> assertThat(((KinesisDeliveryException) e).undelivered()).isEqualTo(10));
        assertThat(kinesis.stats().putRecordsCalls()).isEqualTo(3);
        assertThat(forwarder.lastSend().calls()).isEqualTo(3);
    }

    @Test
    void countsEntriesNeverAttemptedAsUndelivered() {
        KinesisForwarder forwarder = new KinesisForwarder(
                (kinesis = LimitsFaithfulKinesis.start("visits", 1, time)).client(), "visits", 5,
                new RetryPolicy(2, Duration.ofMillis(100), Duration.ofSeconds(1)), time, time, new SplittableRandom(1));
        kinesis.failNextCalls(2); // the first batch of 5 fails twice; the second batch is never sent

        assertThatThrownBy(() -> forwarder.send(Entries.of(10, 2)))
                .hasMessageContaining("10 of 10 entries")
                .hasMessageContaining("InternalFailure (HTTP 500)");
    }

    @Test
    void refusesARecordOverOneMebibyteBeforeSendingAnything() {
        KinesisForwarder forwarder = forwarder(1, RetryPolicy.DEFAULT);
        List<KinesisEntry> entries = new ArrayList<>(Entries.of(3, 1));
        entries.add(new KinesisEntry("big", new byte[(int) (1.1 * (1 << 20))]));

        assertThatThrownBy(() -> forwarder.send(entries))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 3")
                .hasMessageContaining("at most 1048576 bytes");
        assertThat(kinesis.stats().putRecordsCalls()).isZero();
    }

    @Test
    void splitsCallsAtFiveMebibytes() {
        KinesisForwarder forwarder = forwarder(8, RetryPolicy.DEFAULT);
        List<KinesisEntry> entries = new ArrayList<>();
        // Keys picked two per shard, so shard throughput (1 MiB/s) is not what limits the calls.
        for (int n = 0; entries.size() < 12; n++) {
            String key = "site-" + n;
            long onShard = entries.stream().filter(e -> kinesis.shardOf(e.partitionKey()) == kinesis.shardOf(key)).count();
            if (onShard < 2) {
                entries.add(new KinesisEntry(key, new byte[500_000]));
            }
        }

        forwarder.send(entries); // 6 MB in all

        assertThat(kinesis.records()).hasSize(12);
        assertThat(kinesis.stats().refusedCalls()).isZero();
        assertThat(forwarder.lastSend().calls()).isEqualTo(2);
        assertThat(forwarder.lastSend().retriedEntries()).isZero();
    }

    @Test
    void acceptsStreamArn() {
        kinesis = LimitsFaithfulKinesis.start("visits", 1, time);
        new KinesisForwarder(kinesis.client(), kinesis.streamArn(), 500, RetryPolicy.DEFAULT, time, time,
                new SplittableRandom(1)).send(Entries.of(4, 2));

        assertThat(kinesis.records()).hasSize(4);
    }

    @Test
    void validatesBatchSizeAndArn() {
        kinesis = LimitsFaithfulKinesis.start("visits", 1, time);
        assertThatThrownBy(() -> new KinesisForwarder(kinesis.client(), "visits", 0))
                .hasMessageContaining("batch size must be 1 to 500");
        assertThatThrownBy(() -> new KinesisForwarder(kinesis.client(), "visits", 501))
                .hasMessageContaining("batch size must be 1 to 500");
        assertThatThrownBy(() -> new KinesisForwarder(kinesis.client(), "arn:aws:s3:::bucket", 10))
                .hasMessageContaining("is not a Kinesis stream ARN");
    }
}
