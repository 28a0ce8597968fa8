package org.locationvisits.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    @Test
    void exponentialWaitsTheFirstDelayThenDoublesUpToItsCap() {
        RetrySchedule retry = RetrySchedule.exponential(6, Duration.ofMillis(100), 2);

        assertThat(retry.delayBefore(2)).isEqualTo(Duration.ofMillis(100));
        assertThat(retry.delayBefore(3)).isEqualTo(Duration.ofMillis(200));
        assertThat(retry.delayBefore(4)).isEqualTo(Duration.ofMillis(400));
        assertThat(retry.delayBefore(5)).isEqualTo(Duration.ofMillis(400));
    }

    @Test
    void fixedWaitsTheSameBeforeEveryRetryAndZeroMeansAtOnce() {
        assertThat(RetrySchedule.fixed(3, Duration.ofMinutes(5)).delayBefore(3)).isEqualTo(Duration.ofMinutes(5));
        assertThat(RetrySchedule.fixed(3, Duration.ZERO).delayBefore(2)).isZero();
        assertThat(RetrySchedule.exponential(3, Duration.ZERO, 16).delayBefore(3)).isZero();
    }

    @Test
    void allowsAnotherAttemptUntilAllAreMade() {
        RetrySchedule retry = RetrySchedule.fixed(3, Duration.ZERO);

        assertThat(retry.allowsAfter(0)).isTrue();
        assertThat(retry.allowsAfter(2)).isTrue();
        assertThat(retry.allowsAfter(3)).isFalse();
    }

    @Test
    void refusesNoAttemptsAndANegativeDelay() {
        assertThatThrownBy(() -> RetrySchedule.fixed(0, Duration.ZERO)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> RetrySchedule.exponential(2, Duration.ofMillis(-1), 3))
                .hasMessageContaining("zero or positive");
    }
}
