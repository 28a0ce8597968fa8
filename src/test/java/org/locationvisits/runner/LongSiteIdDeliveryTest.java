package org.locationvisits.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.locationvisits.runner.RunnerFixtures.props;
import static org.locationvisits.runner.RunnerFixtures.task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;
import org.locationvisits.avro.LocationVisitsSchemas;
import org.locationvisits.kinesis.KinesisForwarder;
import org.locationvisits.kinesis.RetryPolicy;
import org.locationvisits.kinesis.fake.FakeTime;
import org.locationvisits.kinesis.fake.LimitsFaithfulKinesis;
import org.locationvisits.metrics.RunSummary;
import org.locationvisits.offsets.MemoryOffsetStore;
import org.locationvisits.shoppertrak.DayResult;
import org.locationvisits.shoppertrak.TrafficRow;

/**
 * A site ID too long for a Kinesis partition key ({@code site|orbit|start} over 256 characters) no longer holds
 * its day back for ever: the main job delivers it to a Kinesis that enforces the limit as AWS does, and the
 * offset moves. The rows come straight from a scripted ShopperTrak answer, as the simulator serves no such ID.
 */
class LongSiteIdDeliveryTest {
    private static final LocalDate START = LocalDate.parse("2024-03-24");
    /** 291 characters both long IDs share, so they differ only from character 292 on. */
    private static final String SHARED = "long site ".repeat(30).substring(0, 291);
    private static final String LONG_ONE = SHARED + "-branch-1";
    private static final String LONG_TWO = SHARED + "-branch-2";

    @Test
    void aDayWithThreeHundredCharacterSiteIdsIsDeliveredAndItsOffsetMoves() {
        assertThat(LONG_ONE).hasSize(300);
        assertThat(LONG_ONE.substring(0, 256)).isEqualTo(LONG_TWO.substring(0, 256));
        FakeTime time = new FakeTime();
        try (LimitsFaithfulKinesis kinesis = LimitsFaithfulKinesis.start("visits", 2, time)) {
            MemoryOffsetStore offsets = new MemoryOffsetStore(START);
            KinesisForwarder forwarder = new KinesisForwarder(kinesis.client(), "visits", 50, RetryPolicy.DEFAULT,
                    time, time, new SplittableRandom(5));
            EmbeddedRunner runner = RunnerFixtures.runner(task(LongSiteIdDeliveryTest::answer),
                    props(START, START.plusDays(2)), offsets, Destination.kinesis(forwarder), false, false).build();

            RunSummary summary = runner.run();

            assertThat(summary.stoppedBecause()).isEmpty();
            assertThat(summary.exitCode()).isZero();
            assertThat(offsets.read()).contains(START.plusDays(2));
            List<LimitsFaithfulKinesis.StoredRecord> stored = kinesis.records();
            assertThat(stored).hasSize(2 * 3 * 2);
            assertThat(stored).allSatisfy(r -> assertThat(r.partitionKey().length()).isLessThanOrEqualTo(256));
            assertThat(keysOf(stored, "aa lib")).as("a short key is the plain site|orbit|start")
                    .contains("aa lib|1|2024-03-25T09:00:00");
            Set<String> keysOne = keysOf(stored, LONG_ONE);
            Set<String> keysTwo = keysOf(stored, LONG_TWO);
            assertThat(keysOne).hasSize(4).doesNotContainAnyElementsOf(keysTwo);
            assertThat(keysTwo).hasSize(4);
            assertThat(keysOne).allSatisfy(key -> assertThat(key).startsWith(LONG_ONE.substring(0, 64) + "~")
                    .endsWith("T09:00:00").matches(k -> k.contains("|1|") || k.contains("|2|")));
        }
    }

    /** Per day: a short site and the two long ones, each with two entrances at 09:00. */
    private static DayResult answer(LocalDate day) {
        List<TrafficRow> rows = new ArrayList<>();
        for (String site : List.of("aa lib", LONG_ONE, LONG_TWO)) {
            for (int orbit = 1; orbit <= 2; orbit++) {
                rows.add(new TrafficRow(site, orbit, day + "T09:00:00", 4, 3, true));
            }
        }
        return new DayResult.Rows(day, rows, 1);
    }

    /** Partition keys of the stored records whose value (decoded) names {@code site} in full. */
    private static Set<String> keysOf(List<LimitsFaithfulKinesis.StoredRecord> stored, String site) {
        return stored.stream().filter(r -> site.equals(decode(r.data()).get("shoppertrak_site_id").toString()))
                .map(LimitsFaithfulKinesis.StoredRecord::partitionKey).collect(Collectors.toSet());
    }

    private static GenericRecord decode(byte[] data) {
        try {
            return new GenericDatumReader<GenericRecord>(LocationVisitsSchemas.bundled())
                    .read(null, DecoderFactory.get().binaryDecoder(data, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
