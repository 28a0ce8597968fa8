package org.locationvisits.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.locationvisits.kinesis.fake.FakeTime;
import org.locationvisits.kinesis.fake.LimitsFaithfulKinesis;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** The send as an event loop: answers settled as they come, callbacks in batch order, a source that wakes it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SendLoopEventsTest {
    /** Only a sender that misbehaves makes a held call wait this long (real time). */
    private static final long PATIENCE_MILLIS = 10_000;

    private final FakeTime time = new FakeTime();
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private LimitsFaithfulKinesis kinesis;

    @AfterEach
    void closeFake() {
        kinesis.close();
    }

    @Test
    void reportsBatchesInOrderOnTheSendingThreadWhenTheLaterBatchsCallAnswersFirst() {
        kinesis = LimitsFaithfulKinesis.start("visits", 2, time);
        List<KinesisEntry> a = onShard("a", 0, 50);
        List<KinesisEntry> b = onShard("b", 1, 50);
        KinesisForwarder[] forwarder = new KinesisForwarder[1];
        AtomicBoolean bSettledFirst = new AtomicBoolean();
        // a's call (shard 0) comes back only once the send settled b's call (shard 1): answers out of order.
        KinesisClient client = new HookedKinesisClient(kinesis.client(), request -> {
            if (request.records().get(0).partitionKey().startsWith("a-")) {
                bSettledFirst.set(await(() -> forwarder[0].total().records() >= b.size()));
            }
        });
        forwarder[0] = new KinesisForwarder(client, "visits", 50, RetryPolicy.DEFAULT, time, time,
                new SplittableRandom(7));
        Thread sending = Thread.currentThread();
        List<Thread> callbackThreads = new CopyOnWriteArrayList<>();
        Queue source = new Queue(false);
        source.offer(a, name -> callbackThreads.add(Thread.currentThread()));
        source.offer(b, name -> callbackThreads.add(Thread.currentThread()));
        source.end();

        forwarder[0].send(source);

        assertThat(bSettledFirst).as("b's call was answered and settled before a's").isTrue();
        assertThat(delivered).containsExactly("a", "b");
        assertThat(callbackThreads).containsOnly(sending);
    }

    @Test
    void waitsForASourceThatWakesItInsteadOfAskingItAgainWhileACallIsOut() {
        kinesis = LimitsFaithfulKinesis.start("visits", 1, time);
        Queue source = new Queue(true);
        AtomicInteger asksWhileHeld = new AtomicInteger(-1);
        KinesisClient client = new HookedKinesisClient(kinesis.client(), request -> {
            if (request.records().get(0).partitionKey().startsWith("a-")) {
                int before = source.asked();
                sleep(200); // the send waits for this answer and has room for another batch meanwhile
                asksWhileHeld.set(source.asked() - before);
                source.offer(onShard("b", 0, 10), name -> { });
                source.end();
            }
        });
        source.offer(onShard("a", 0, 10), name -> { });

        new KinesisForwarder(client, "visits", 50, RetryPolicy.DEFAULT, time, time, new SplittableRandom(7))
                .send(source);

        assertThat(delivered).containsExactly("a", "b");
        // A source asked at intervals instead would have been asked about a hundred times (every 2 ms).
        assertThat(asksWhileHeld.get()).as("times the source was asked while a call was out").isBetween(0, 2);
        assertThat(kinesis.records()).hasSize(20);
    }

    // --- helpers

    /** {@code count} entries whose keys ({@code name-i}) the fake puts on {@code shard}. */
    private List<KinesisEntry> onShard(String name, int shard, int count) {
        List<KinesisEntry> entries = new ArrayList<>();
        for (int i = 0; entries.size() < count; i++) {
            if (kinesis.shardOf(name + "-" + i) == shard) {
                entries.add(new KinesisEntry(name + "-" + i, (name + i).getBytes(StandardCharsets.UTF_8)));
            }
        }
        return entries;
    }

    private static boolean await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(1);
        }
        return true;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Batches offered from any thread, named by their keys' prefix and reported into {@link #delivered}; wakes
     * the send when {@code wakes}, and counts how often it was asked.
     */
    private final class Queue implements BatchSource {
        private final java.util.concurrent.ConcurrentLinkedQueue<Batch> batches =
                new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final boolean wakes;
        private final AtomicReference<Runnable> wake = new AtomicReference<>(() -> { });
        private final AtomicInteger asked = new AtomicInteger();
        private volatile boolean ended;

        Queue(boolean wakes) {
            this.wakes = wakes;
        }

        void offer(List<KinesisEntry> entries, Consumer<String> hook) {
            String name = entries.get(0).partitionKey().split("-")[0];
            batches.add(new Batch(entries, () -> {
                delivered.add(name);
                hook.accept(name);
            }));
            wake.get().run();
        }

        void end() {
            ended = true;
            wake.get().run();
        }

        int asked() {
            return asked.get();
        }

        @Override
        public boolean wakes(Runnable wake) {
            this.wake.set(wake);
            return wakes;
        }

        @Override
        public Batch next(long nanos) throws InterruptedException {
            asked.incrementAndGet();
            Batch batch = batches.poll();
            if (batch == null && !ended && nanos > 0) {
                TimeUnit.NANOSECONDS.sleep(nanos);
                batch = batches.poll();
            }
            return batch;
        }

        @Override
        public boolean exhausted() {
            return ended && batches.isEmpty();
        }
    }

}
