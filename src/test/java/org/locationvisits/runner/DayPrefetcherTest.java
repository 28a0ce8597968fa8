package org.locationvisits.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.locationvisits.source.ShopperTrakSourceTask;

class DayPrefetcherTest {
    @Test
    void anErrorInThePollThreadEndsPollingAndSaysWhich() throws Exception {
        ShopperTrakSourceTask overflowing = new ShopperTrakSourceTask(RunnerFixtures.CLOCK,
                (config, sleeper) -> day -> RunnerFixtures.rows(day, 1)) {
            @Override
            public List<SourceRecord> poll() {
                throw new StackOverflowError();
            }
        };

        try (DayPrefetcher polls = new DayPrefetcher(overflowing, false).start()) {
            DayPrefetcher.Polled polled = polls.next();

            assertThat(polled).isInstanceOfSatisfying(DayPrefetcher.Polled.End.class, end ->
                    assertThat(end.error()).contains("poll thread failed").contains("StackOverflowError"));
        }
    }
}
