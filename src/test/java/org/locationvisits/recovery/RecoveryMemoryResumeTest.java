package org.locationvisits.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.locationvisits.shoppertrak.TrafficRow;

/** What a day leaves to recover when a run resumes inside it and ShopperTrak's answer has changed since. */
class RecoveryMemoryResumeTest {
    private static final LocalDate DAY = LocalDate.of(2024, 3, 27);

    @Test
    void aRowSentUnhealthyStaysPendingWhenTheNewAnswerNoLongerListsIt() {
        RecoveryMemory memory = new RecoveryMemory();
        memory.rememberDay(DAY, List.of(row("a", "10:00", false), row("a", "10:15", true)), List.of("a"));

        memory.rememberResumedDay(DAY, List.of(row("a", "10:15", true)), List.of("a"), r -> true);

        assertThat(memory.describe()).containsExactly("'a' 2024-03-27: 1 unhealthy increment(s)");
    }

    @Test
    void aRowSentHealthyIsNotPendingWhenTheNewAnswerCallsItUnhealthy() {
        RecoveryMemory memory = new RecoveryMemory();
        memory.rememberDay(DAY, List.of(row("a", "10:00", true)), List.of("a"));

        memory.rememberResumedDay(DAY, List.of(row("a", "10:00", false)), List.of("a"), r -> true);

        assertThat(memory.describe()).isEmpty();
    }

    @Test
    void theSecondRowOfTheFallBackHourNotYetSentKeepsItsKeyPendingWhenTheFirstWasSentHealthy() {
        RecoveryMemory memory = new RecoveryMemory();
        memory.rememberDay(DAY, List.of(row("a", "01:15", true), row("a", "01:15", true)), List.of("a"));
        TrafficRow first = row("a", "01:15", true);

        memory.rememberResumedDay(DAY, List.of(first, row("a", "01:15", false)), List.of("a"), r -> r == first);

        assertThat(memory.describe()).containsExactly("'a' 2024-03-27: 1 unhealthy increment(s)");
    }

    @Test
    void rowsNotYetDeliveredCountAsTheNewAnswerHasThem() {
        RecoveryMemory memory = new RecoveryMemory();
        memory.rememberDay(DAY, List.of(row("a", "10:00", false)), List.of("a", "b"));

        memory.rememberResumedDay(DAY, List.of(row("a", "10:00", true), row("b", "10:00", false)), List.of("a", "b"),
                r -> false);

        assertThat(memory.describe()).containsExactly("'b' 2024-03-27: 1 unhealthy increment(s)");
    }

    private static TrafficRow row(String site, String time, boolean healthy) {
        return new TrafficRow(site, 1, DAY + "T" + time + ":00", 5, 5, healthy);
    }
}
