package org.locationvisits.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.locationvisits.kinesis.fake.FakeTime;
import org.locationvisits.kinesis.fake.LimitsFaithfulKinesis;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/** One send of several batches (a backfill's days): overlapped, reported in order, failing cleanly. */
class KinesisForwarderBatchesTest {
    /** Only a sender that never overlaps two batches waits this long (real time), once. */
    private static final long PATIENCE_MILLIS = 10_000;

    private final FakeTime time = new FakeTime();
    private final List<String> delivered = new ArrayList<>();
    private LimitsFaithfulKinesis kinesis;

    @AfterEach
    void closeFake() {
        kinesis.close();
    }

    /** 50 records per call, so that calls carry one or two shards and the others stay free. */
    private KinesisForwarder forwarder(KinesisClient client) {
        return new KinesisForwarder(client, "visits", 50, RetryPolicy.DEFAULT, time, time, new SplittableRandom(7));
    }

    @Test
    void shardsDoneWithOneBatchGoOnWithTheNextWhileAnotherFinishes() {
        kinesis = LimitsFaithfulKinesis.start("visits", 4, time);
        List<KinesisEntry> a = batch("a", 400);
        List<KinesisEntry> b = batch("b", 400);
        AtomicInteger storedWhenADelivered = new AtomicInteger(-1);
        AtomicBoolean heldInVain = new AtomicBoolean();
        HookedKinesisClient client = new HookedKinesisClient(kinesis.client(), request -> {
            if (has(request, "a-0") && !awaitStored("b-")) {
                heldInVain.set(true); // no entry of the second batch was sent while this call of the first was out
            }
        });
        Source source = new Source(List.of(a, b), name -> {
            if (name.equals("a")) {
                storedWhenADelivered.set(count("a-"));
            }
        });

        forwarder(client).send(source);

        assertThat(heldInVain).as("the second batch waited for the first one's last call").isFalse();
        assertThat(delivered).containsExactly("a", "b");
        assertThat(storedWhenADelivered.get()).as("batch a reported only once all of it was in").isEqualTo(400);
        assertThat(Entries.byKey(stored())).isEqualTo(Entries.byKey(concat(a, b))); // each key's order kept
        assertThat(client.underWay()).isZero();
    }

    @Test
    void aFailedSecondBatchLeavesTheFirstDeliveredAndReportsNothingMore() {
        kinesis = LimitsFaithfulKinesis.start("visits", 4, time);
        List<KinesisEntry> a = batch("a", 400);
        List<KinesisEntry> b = batch("b", 400);
        HookedKinesisClient client = new HookedKinesisClient(kinesis.client(), request -> {
            if (has(request, "b-") && !has(request, "a-")) {
                awaitStoredCount("a-", a.size());
                throw accessDenied();
            }
        });

        KinesisDeliveryException failure = catchThrowableOfType(KinesisDeliveryException.class,
                () -> forwarder(client).send(new Source(List.of(a, b), name -> { })));

        assertThat(delivered).containsExactly("a");
        assertThat(failure).hasMessageContaining("AccessDeniedException");
        assertThat(failure.undelivered()).isEqualTo(a.size() + b.size() - kinesis.records().size());
        assertThat(failure.undelivered()).isPositive();
        assertThat(client.underWay()).as("calls still under way when send threw").isZero();
    }

    @Test
    void aCallbackThatThrowsEndsTheSendWithItsErrorAndNoLaterBatchIsReported() {
        kinesis = LimitsFaithfulKinesis.start("visits", 4, time);
        IllegalStateException storeDown = new IllegalStateException("the offset store is down");
        HookedKinesisClient client = new HookedKinesisClient(kinesis.client(), request -> { });
        int[] takenAtFailure = {-1};
        Source[] sources = new Source[1];
        Source source = new Source(List.of(batch("a", 1000), batch("b", 1000), batch("c", 1000),
                batch("d", 1000), batch("e", 1000)), name -> {
                    if (name.equals("a")) {
                        takenAtFailure[0] = sources[0].taken();
                        throw storeDown;
                    }
                });
        sources[0] = source;

        Throwable thrown = catchThrowable(() -> forwarder(client).send(source));

        assertThat(thrown).isSameAs(storeDown);
        assertThat(delivered).containsExactly("a"); // a's callback ran (and threw); b's and c's never
        assertThat(source.taken()).as("nothing taken after the failure").isEqualTo(takenAtFailure[0]).isLessThan(5);
        assertThat(client.underWay()).isZero();
    }

    @Test
    void takesAtMostTwoLargeBatchesAheadOfTheLastOneDelivered() {
        kinesis = LimitsFaithfulKinesis.start("visits", 2, time);
        Source source = new Source(batches(5, 1000), name -> { });

        forwarder(kinesis.client()).send(source);

        assertThat(delivered).containsExactly("a", "b", "c", "d", "e");
        assertThat(source.mostOpen()).isEqualTo(2);
        assertThat(kinesis.records()).hasSize(5 * 1000);
    }

    @Test
    void takesSmallBatchesAheadWhileFewerEntriesWaitThanTheCallsInFlightCarry() {
        kinesis = LimitsFaithfulKinesis.start("visits", 8, time);
        Source source = new Source(batches(5, 40), name -> { }); // 200 entries: fewer than 8 calls of 50 carry

        forwarder(kinesis.client()).send(source);

        assertThat(delivered).containsExactly("a", "b", "c", "d", "e");
        assertThat(source.mostOpen()).isEqualTo(5);
        assertThat(kinesis.records()).hasSize(5 * 40);
    }

    private static List<List<KinesisEntry>> batches(int count, int size) {
        List<List<KinesisEntry>> batches = new ArrayList<>();
        for (String name : List.of("a", "b", "c", "d", "e").subList(0, count)) {
            batches.add(batch(name, size));
        }
        return batches;
    }

    @Test
    void anInvalidBatchIsRefusedAfterTheOnesBeforeItAreDelivered() {
        kinesis = LimitsFaithfulKinesis.start("visits", 2, time);
        List<KinesisEntry> bad = List.of(new KinesisEntry("", "x".getBytes(StandardCharsets.UTF_8)));
        Source source = new Source(List.of(batch("a", 100), bad), name -> { });

        Throwable thrown = catchThrowable(() -> forwarder(kinesis.client()).send(source));

        assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partition key");
        assertThat(delivered).containsExactly("a");
        assertThat(kinesis.records()).hasSize(100);
    }

    // --- helpers

    /** Batches named by their keys' prefix, each reported into {@link #delivered} and then to {@code hook}. */
    private final class Source implements BatchSource {
        private final Deque<List<KinesisEntry>> left;
        private final Consumer<String> hook;
        private int taken;
        private int mostOpen;

        Source(List<List<KinesisEntry>> batches, Consumer<String> hook) {
            this.left = new ArrayDeque<>(batches);
            this.hook = hook;
        }

        @Override
        public Batch next(long nanos) {
            List<KinesisEntry> entries = left.poll();
            if (entries == null) {
                return null;
            }
            taken++;
            mostOpen = Math.max(mostOpen, taken - delivered.size());
            String name = entries.get(0).partitionKey().isEmpty() ? "bad" : entries.get(0).partitionKey().split("-")[0];
            return new Batch(entries, () -> {
                delivered.add(name);
                hook.accept(name);
            });
        }

        @Override
        public boolean exhausted() {
            return left.isEmpty();
        }

        int taken() {
            return taken;
        }

        int mostOpen() {
            return mostOpen;
        }
    }

    /** {@code count} entries over 40 keys {@code name-0..39}, data {@code name<i>}. */
    private static List<KinesisEntry> batch(String name, int count) {
        List<KinesisEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new KinesisEntry(name + "-" + (i % 40), (name + i).getBytes(StandardCharsets.UTF_8)));
        }
        return entries;
    }

    private static List<KinesisEntry> concat(List<KinesisEntry> a, List<KinesisEntry> b) {
        List<KinesisEntry> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static boolean has(PutRecordsRequest request, String keyPrefix) {
        return request.records().stream().map(PutRecordsRequestEntry::partitionKey)
                .anyMatch(key -> key.equals(keyPrefix) || (keyPrefix.endsWith("-") && key.startsWith(keyPrefix)));
    }

    private List<KinesisEntry> stored() {
        return kinesis.records().stream().map(r -> new KinesisEntry(r.partitionKey(), r.data())).toList();
    }

    private int count(String keyPrefix) {
        return (int) kinesis.records().stream().filter(r -> r.partitionKey().startsWith(keyPrefix)).count();
    }

    private boolean awaitStored(String keyPrefix) {
        return awaitStoredCount(keyPrefix, 1);
    }

    /** Waits (real time, bounded by the patience only when the sender misbehaves) for stored records. */
    private boolean awaitStoredCount(String keyPrefix, int atLeast) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS);
        while (count(keyPrefix) < atLeast) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static KinesisException accessDenied() {
        return (KinesisException) KinesisException.builder().statusCode(400)
                .message("not authorized to perform: kinesis:PutRecords")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException")
                        .errorMessage("not authorized to perform: kinesis:PutRecords").build())
                .build();
    }

}
