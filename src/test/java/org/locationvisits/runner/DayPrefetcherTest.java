package org.locationvisits.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.locationvisits.kinesis.KinesisEntry;
import org.locationvisits.source.PollProgress;
import org.locationvisits.source.ShopperTrakSourceTask;

class DayPrefetcherTest {
    private static final LocalDate START = LocalDate.parse("2024-03-24");

    @Test
    void anErrorInThePollThreadEndsPollingAndSaysWhich() throws Exception {
        PollProgress progress = new PollProgress();
        ShopperTrakSourceTask overflowing = new ShopperTrakSourceTask(
                RunnerFixtures.services(day -> RunnerFixtures.rows(day, 1)), RunnerFixtures.CLOCK, progress) {
            @Override
            public List<SourceRecord> poll() {
                throw new StackOverflowError();
            }
        };

        try (DayPrefetcher polls = new DayPrefetcher(overflowing, progress, false, records -> List.of()).start()) {
            DayPrefetcher.Polled polled = next(polls);

            assertThat(polled).isInstanceOfSatisfying(DayPrefetcher.Polled.End.class, end ->
                    assertThat(end.error()).contains("poll thread failed").contains("StackOverflowError"));
        }
    }

    @Test
    void aDayThatCannotBeEncodedEndsPollingAtThatDay() throws Exception {
        PollProgress progress = new PollProgress();
        org.apache.kafka.connect.source.SourceTask task = RunnerFixtures.task(day -> RunnerFixtures.rows(day, 2))
                .create(progress);
        task.initialize(new EmbeddedTaskContext(RunnerFixtures.props(START, START.plusDays(3)),
                java.util.Optional.of(START)));
        task.start(RunnerFixtures.props(START, START.plusDays(3)));
        int[] encoded = {0};
        try (DayPrefetcher polls = new DayPrefetcher(task, progress, false, records -> {
            if (++encoded[0] == 2) {
                throw new IllegalArgumentException("no schema field for 'x'");
            }
            return records.stream().map(r -> new KinesisEntry((String) r.key(), new byte[] {1})).toList();
        }).start()) {
            assertThat(next(polls)).isInstanceOfSatisfying(DayPrefetcher.Polled.Day.class, day ->
                    assertThat(day.entries()).hasSameSizeAs(day.records()));
            assertThat(next(polls)).isInstanceOfSatisfying(DayPrefetcher.Polled.End.class, end -> {
                assertThat(end.failure().day()).isEqualTo(START.plusDays(2));
                assertThat(end.failure().reason()).contains("cannot encode").contains("no schema field for 'x'");
            });
            assertThat(encoded[0]).as("nothing polled after the day that failed").isEqualTo(2);
        } finally {
            task.stop();
        }
    }

    private static DayPrefetcher.Polled next(DayPrefetcher polls) throws InterruptedException {
        DayPrefetcher.Polled polled;
        while ((polled = polls.poll(TimeUnit.MILLISECONDS.toNanos(100))) == null) {
            // the poll thread is still at work
        }
        return polled;
    }
}
