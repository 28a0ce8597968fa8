package org.locationvisits.kinesis.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.locationvisits.kinesis.KinesisEntry;
import org.locationvisits.kinesis.KinesisForwarder;
import org.locationvisits.kinesis.RetryPolicy;
import org.locationvisits.kinesis.fake.FakeTime;
import org.locationvisits.kinesis.fake.LimitsFaithfulKinesis;
import org.locationvisits.kinesis.HookedKinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** The sender's queue is bounded in entries: a put waits while it is full, and never after the sender ended. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SinkSenderTest {
    private static final TopicPartition PARTITION = new TopicPartition("visits", 0);

    private final FakeTime time = new FakeTime();
    private final CountDownLatch release = new CountDownLatch(1);
    private final Map<TopicPartition, OffsetAndMetadata> accepted = new ConcurrentHashMap<>();
    private LimitsFaithfulKinesis kinesis;
    private KinesisForwarder forwarder;
    private SinkSender sender;

    @AfterEach
    void close() {
        release.countDown();
        sender.close();
        forwarder.close();
        kinesis.close();
    }

    /**
     * One shard and calls of 10 held until released: the send takes two puts of 10 and then no more while 10
     * wait, so two more fill a queue of 20 and the fifth put waits.
     */
    private void start() {
        kinesis = LimitsFaithfulKinesis.start("visits", 1, time);
        forwarder = new KinesisForwarder(held(kinesis.client(), release), "visits", 10,
                RetryPolicy.DEFAULT, time, time, new SplittableRandom(7));
        sender = new SinkSender(forwarder, accepted, 20);
    }

    @Test
    void aPutWaitsWhileTheQueueIsFullAndGoesOnOnceTheSendTakesMore() throws Exception {
        start();
        for (int put = 0; put < 4; put++) {
            assertThat(sender.submit(entries(put), offsets(put))).isTrue();
        }

        CompletableFuture<Boolean> fifth = submitLater(4);

        assertThat(waitsStill(fifth)).as("the fifth put waits while 20 entries are queued").isTrue();
        release.countDown();
        assertThat(fifth.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(awaitAccepted(5)).as("every put's offsets accepted, in order").isTrue();
    }

    @Test
    void aPutWaitingForRoomReturnsFalseOnceTheSenderIsClosed() throws Exception {
        start();
        for (int put = 0; put < 4; put++) {
            sender.submit(entries(put), offsets(put));
        }
        CompletableFuture<Boolean> fifth = submitLater(4);
        assertThat(waitsStill(fifth)).isTrue();

        CompletableFuture.runAsync(sender::close);

        assertThat(fifth.get(30, TimeUnit.SECONDS)).as("nothing queued after the close").isFalse();
        assertThat(sender.submit(entries(5), offsets(5))).isFalse();
    }

    // --- helpers

    private CompletableFuture<Boolean> submitLater(int put) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return sender.submit(entries(put), offsets(put));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** Whether the put is still waiting after a while (real time). */
    private static boolean waitsStill(CompletableFuture<Boolean> put) throws InterruptedException {
        Thread.sleep(300);
        return !put.isDone();
    }

    private boolean awaitAccepted(int puts) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            OffsetAndMetadata offset = accepted.get(PARTITION);
            if (offset != null && offset.offset() == puts * 10L) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    private static List<KinesisEntry> entries(int put) {
        List<KinesisEntry> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            entries.add(new KinesisEntry("key-" + i, ("put" + put + "-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        return entries;
    }

    /** The offsets of put {@code put}: the next record to consume after its ten. */
    private static Map<TopicPartition, OffsetAndMetadata> offsets(int put) {
        return Map.of(PARTITION, new OffsetAndMetadata((put + 1) * 10L));
    }

    /** The fake's client, whose PutRecords calls wait until released. */
    private static KinesisClient held(KinesisClient real, CountDownLatch release) {
        return new HookedKinesisClient(real, request -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
