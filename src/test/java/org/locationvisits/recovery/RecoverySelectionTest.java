package org.locationvisits.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.locationvisits.recovery.RecoveryItem.Kind;
import org.locationvisits.shoppertrak.TrafficRow;

/** Which stored rows a re-queried unhealthy site-day marks stale when a key holds several fresh rows. */
class RecoverySelectionTest {
    private static final LocalDate FALL_BACK = LocalDate.parse("2026-11-01");
    private static final RecoveryItem ITEM = new RecoveryItem(new SiteDay("aa lib", FALL_BACK), Kind.UNHEALTHY);

    @Test
    void everyUnhealthyRowOfAReplacedKeyIsStale() {
        Map<VisitKey, StoredVisit> known = Map.of(key("09:00"), new StoredVisit(4, false, 0, 0)
                .and(new StoredVisit(9, false, 0, 0)));

        RecoverySelection chosen = RecoverySelection.of(ITEM, List.of(row("09:00", 5, true)), known);

        assertThat(chosen.rows()).hasSize(1);
        assertThat(chosen.staleIds()).containsExactlyInAnyOrder(4L, 9L);
    }

    @Test
    void unhealthyRowsBesideAHealthyOneOfTheirKeyAreStaleWithNothingSent() {
        Map<VisitKey, StoredVisit> known = Map.of(
                key("09:00"), new StoredVisit(7, false, 0, 0).and(new StoredVisit(8, true, 5, 5)),
                key("09:15"), new StoredVisit(10, true, 2, 2).and(new StoredVisit(11, false, 0, 0)));

        // 09:15 is not even in the answer: the healthy row already replaces row 11.
        RecoverySelection chosen = RecoverySelection.of(ITEM, List.of(row("09:00", 5, true)), known);

        assertThat(chosen.rows()).isEmpty();
        assertThat(chosen.staleIds()).containsExactlyInAnyOrder(7L, 11L);
    }

    @Test
    void theRepeatedFallBackHourIsReplacedOnlyOnceBothItsIncrementsAreHealthy() {
        Map<VisitKey, StoredVisit> known = Map.of(key("01:00"), new StoredVisit(2, false, 0, 0)
                .and(new StoredVisit(3, false, 0, 0)));

        RecoverySelection both = RecoverySelection.of(ITEM, List.of(row("01:00", 5, true), row("01:00", 6, true)),
                known);
        RecoverySelection one = RecoverySelection.of(ITEM, List.of(row("01:00", 5, true), row("01:00", 0, false)),
                known);

        assertThat(both.rows()).hasSize(2);
        assertThat(both.staleIds()).containsExactlyInAnyOrder(2L, 3L);
        assertThat(one.rows()).hasSize(1);
        assertThat(one.staleIds()).as("row 2 or 3 may be the hour still unhealthy").isEmpty();
    }

    @Test
    void aHealthyRowOfTheRepeatedHourDoesNotHealTheUnhealthyOneBesideIt() {
        Map<VisitKey, StoredVisit> known = Map.of(key("01:00"), new StoredVisit(2, true, 5, 5)
                .and(new StoredVisit(3, false, 0, 0)));

        RecoverySelection chosen = RecoverySelection.of(ITEM, List.of(row("01:00", 5, true), row("01:00", 0, false)),
                known);

        assertThat(chosen.staleIds()).as("row 3 is the other hour, not replaced by row 2").isEmpty();
    }

    private static TrafficRow row(String time, int count, boolean healthy) {
        return new TrafficRow("aa lib", 1, FALL_BACK + "T" + time + ":00", count, count, healthy);
    }

    private static VisitKey key(String time) {
        return new VisitKey("aa lib", 1, LocalDateTime.parse(FALL_BACK + "T" + time + ":00"));
    }
}
