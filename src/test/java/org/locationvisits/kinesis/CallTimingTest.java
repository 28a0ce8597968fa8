package org.locationvisits.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallTimingTest {
    private static final long MS = Duration.ofMillis(1).toNanos();

    @Test
    void stampsAtTheAnswerDuringWarmUp() {
        CallTiming timing = new CallTiming();
        for (int call = 0; call < CallTiming.WARM_UP_CALLS; call++) {
            long sent = call * 1_000 * MS;
            assertThat(timing.countedAt(sent, sent + 100 * MS)).isEqualTo(sent + 100 * MS);
        }
    }

    @Test
    void afterWarmUpStampsAtTheAnswerLessTheFastestCallAndTheMargin() {
        CallTiming timing = warm();
        // The fastest call (100 ms) less a fifth of it as margin: the records count 80 ms before the answer.
        assertThat(timing.countedAt(0, 100 * MS)).isEqualTo(20 * MS);
        assertThat(timing.countedAt(1_000 * MS, 1_130 * MS)).isEqualTo(1_050 * MS); // 30 ms slower than the fastest
        assertThat(timing.countedAt(2_000 * MS, 2_020 * MS)).isEqualTo(2_005 * MS); // a new fastest: 5 ms margin
        assertThat(timing.fastest()).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void neverStampsBeforeTheCallWasSent() {
        CallTiming timing = warm();
        for (long took : new long[] {100, 3, 0, 250}) {
            long sent = 10_000 * MS;
            assertThat(timing.countedAt(sent, sent + took * MS)).isBetween(sent, sent + took * MS);
        }
    }

    private static CallTiming warm() {
        CallTiming timing = new CallTiming();
        for (int call = 0; call < CallTiming.WARM_UP_CALLS; call++) {
            timing.countedAt(0, 400 * MS); // slow first calls do not count as the fastest
        }
        return timing;
    }
}
