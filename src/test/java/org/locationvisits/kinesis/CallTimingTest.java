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
        // The fastest call (200 ms) less a fifth of it as margin: the records count 160 ms before the answer.
        assertThat(timing.countedAt(0, 200 * MS)).isEqualTo(40 * MS);
        assertThat(timing.countedAt(1_000 * MS, 1_230 * MS)).isEqualTo(1_070 * MS); // 30 ms slower than the fastest
        assertThat(timing.countedAt(2_000 * MS, 2_050 * MS)).isEqualTo(2_020 * MS); // a new fastest: 20 ms margin
        assertThat(timing.countedAt(3_000 * MS, 3_015 * MS)).isEqualTo(3_015 * MS); // below the margin: no shift
        assertThat(timing.fastest()).isEqualTo(Duration.ofMillis(15));
    }

    @Test
    void neverStampsBeforeTheCallWasSent() {
        CallTiming timing = warm();
        for (long took : new long[] {100, 30, 3, 0, 250}) {
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
