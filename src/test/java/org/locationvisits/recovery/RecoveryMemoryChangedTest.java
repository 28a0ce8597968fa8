package org.locationvisits.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.locationvisits.shoppertrak.TrafficRow;

/** The memory's bit "the last re-query of this site-day came back changed" (RECOVERY_SCHEDULE=backoff). */
class RecoveryMemoryChangedTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 18);
    private static final SiteDay AA = new SiteDay("aa lib", DAY);

    @Test
    void theBitSurvivesTheStoredTextAndOnlyTheLastAnswerCounts() {
        RecoveryMemory memory = new RecoveryMemory();
        memory.rememberDay(DAY, List.of(row("aa lib", false), row("bb lib", false)), List.of("aa lib", "bb lib"));
        memory.answered(AA, true);

        RecoveryMemory restarted = new RecoveryMemory();
        restarted.restoreAll(memory.snapshot(DAY.minusDays(29)));

        assertThat(restarted.changedLastTime(AA)).isTrue();
        assertThat(restarted.changedLastTime(new SiteDay("bb lib", DAY))).isFalse();
        assertThat(restarted.describe()).isEqualTo(memory.describe());
        restarted.answered(AA, false);
        assertThat(restarted.changedLastTime(AA)).isFalse();
    }

    @Test
    void aChangedBitIsKeptEvenWhenTheMemoryHoldsNothingElseOfTheDay() {
        // With a warehouse, the ledger may know an unhealthy site-day the memory does not.
        RecoveryMemory memory = new RecoveryMemory();
        memory.answered(AA, true);

        RecoveryMemory restarted = new RecoveryMemory();
        restarted.restoreAll(memory.snapshot(DAY));

        assertThat(restarted.changedLastTime(AA)).isTrue();
        assertThat(restarted.unhealthySiteDays(DAY, DAY)).isEmpty();
    }

    @Test
    void theBitLeavesWithItsDay() {
        RecoveryMemory memory = new RecoveryMemory();
        memory.answered(AA, true);

        memory.forgetBefore(DAY.plusDays(1));

        assertThat(memory.changedLastTime(AA)).isFalse();
        assertThat(memory.snapshot(DAY.minusDays(1))).isEqualTo("{}");
    }

    @Test
    void aResumedDayKeepsItsBits() {
        RecoveryMemory memory = new RecoveryMemory();
        memory.rememberDay(DAY, List.of(row("aa lib", false)), List.of("aa lib"));
        memory.answered(AA, true);

        memory.rememberResumedDay(DAY, List.of(row("aa lib", false)), List.of("aa lib"), r -> false);

        assertThat(memory.changedLastTime(AA)).isTrue();
    }

    @Test
    void theDayFormWithoutChangedSitesIsAsBeforeAndWithThemStillHoldsWhatEarlierVersionsRead() throws Exception {
        Map<String, Set<String>> unhealthy = Map.of("aa lib", Set.of("1|09:00:00"));
        assertThat(PendingForm.write(unhealthy, Set.of(), Set.of())).isEqualTo(PendingForm.write(unhealthy, Set.of()))
                .doesNotContain("\"c\"");

        String withBit = PendingForm.write(unhealthy, Set.of(), Set.of("aa lib"));
        // Earlier versions know the compact form by "u"/"x"/"m" and read nothing else.
        assertThat(withBit).contains("\"u\":").contains("\"m\":").contains("\"c\":[\"aa lib\"]");
        Map<String, Set<String>> read = new TreeMap<>();
        Set<String> missing = new TreeSet<>();
        PendingForm.read(withBit, read, missing);
        assertThat(read).isEqualTo(unhealthy);
        assertThat(missing).isEmpty();
    }

    private static TrafficRow row(String site, boolean healthy) {
        return new TrafficRow(site, 1, DAY + "T09:00:00", 5, 5, healthy);
    }
}
