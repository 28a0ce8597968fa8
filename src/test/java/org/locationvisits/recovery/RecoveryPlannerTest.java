package org.locationvisits.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.locationvisits.calendar.Hours;
import org.locationvisits.calendar.LocationCalendar;
import org.locationvisits.recovery.RecoveryItem.Kind;
import org.locationvisits.shoppertrak.TrafficRow;

class RecoveryPlannerTest {
    private static final LocalDate D1 = LocalDate.parse("2026-11-10");
    private static final LocalDate D2 = D1.plusDays(1);
    private static final LocalDate D3 = D1.plusDays(2);

    /** A ledger of fixed answers; only the two planning queries are asked. */
    private record FixedLedger(List<SiteDay> unhealthy, Set<SiteDay> withRows) implements RecoveryLedger {
        @Override
        public List<SiteDay> unhealthySiteDays(LocalDate from, LocalDate to) {
            return unhealthy.stream().filter(d -> !d.date().isBefore(from) && !d.date().isAfter(to)).toList();
        }

        @Override
        public Set<SiteDay> siteDaysWithRows(LocalDate from, LocalDate to) {
            return withRows;
        }

        @Override
        public Map<VisitKey, StoredVisit> freshRows(SiteDay siteDay) {
            throw new AssertionError("not asked while planning");
        }

        @Override
        public int markStale(Collection<Long> ids) {
            throw new AssertionError("not asked while planning");
        }
    }

    @Test
    void unhealthyAndMissingSiteDaysInDateThenSiteOrder() {
        RecoveryLedger ledger = new FixedLedger(List.of(new SiteDay("bb lib", D1), new SiteDay("aa lib", D2)),
                everySiteDayBut(List.of("aa lib", "bb lib"), new SiteDay("aa lib", D1), new SiteDay("bb lib", D3)));

        List<RecoveryItem> plan = RecoveryPlanner.plan(D1, D3, ledger, List.of("bb lib", "aa lib"),
                LocationCalendar.empty());

        assertThat(plan).containsExactly(
                new RecoveryItem(new SiteDay("aa lib", D1), Kind.MISSING),
                new RecoveryItem(new SiteDay("bb lib", D1), Kind.UNHEALTHY),
                new RecoveryItem(new SiteDay("aa lib", D2), Kind.UNHEALTHY),
                new RecoveryItem(new SiteDay("bb lib", D3), Kind.MISSING));
    }

    @Test
    void closuresOfABranchOrOfEverySiteAreNotRecovered() {
        RecoveryLedger ledger = new FixedLedger(List.of(new SiteDay("aa lib", D1), new SiteDay("aa 2", D2),
                new SiteDay("bb lib", D2), new SiteDay("bb lib", D3)), Set.of());
        LocationCalendar calendar = new LocationCalendar.Builder().closedAllDay("aa", D1)
                .closedAllDay(null, D3).hours("aa", DayOfWeek.MONDAY, Hours.CLOSED).build();

        List<RecoveryItem> plan = RecoveryPlanner.plan(D1, D3, ledger, List.of(), calendar);

        assertThat(plan).extracting(RecoveryItem::siteDay)
                .containsExactly(new SiteDay("aa 2", D2), new SiteDay("bb lib", D2));
    }

    @Test
    void withoutAnAllSitesListOnlyUnhealthySiteDaysAreRecovered() {
        RecoveryLedger ledger = new FixedLedger(List.of(new SiteDay("aa lib", D2)), Set.of());

        assertThat(RecoveryPlanner.plan(D1, D3, ledger, List.of(), LocationCalendar.empty()))
                .containsExactly(new RecoveryItem(new SiteDay("aa lib", D2), Kind.UNHEALTHY));
    }

    @Test
    void anEmptyWindowPlansNothing() {
        RecoveryLedger ledger = new FixedLedger(List.of(new SiteDay("aa lib", D2)), Set.of());

        assertThat(RecoveryPlanner.plan(D2, D1, ledger, List.of("aa lib"), LocationCalendar.empty())).isEmpty();
    }

    @Test
    void anUnhealthySiteDaySendsHealthyIncrementsThatWereUnhealthyOrAbsentAndMarksTheOldRowsStale() {
        RecoveryItem item = new RecoveryItem(new SiteDay("aa lib", D1), Kind.UNHEALTHY);
        List<TrafficRow> answer = List.of(
                row(1, "09:00", 5, 4, true),    // was unhealthy: sent, old row 11 stale
                row(1, "09:15", 6, 6, true),    // was healthy with the same counts: not sent
                row(1, "09:30", 9, 9, true),    // was healthy with other counts: not sent, counted
                row(1, "09:45", 0, 0, false),   // still unhealthy: not sent
                row(2, "09:00", 1, 2, true));   // no row stored: sent
        Map<VisitKey, StoredVisit> known = Map.of(
                key(1, "09:00"), new StoredVisit(11, false, 0, 0),
                key(1, "09:15"), new StoredVisit(12, true, 6, 6),
                key(1, "09:30"), new StoredVisit(13, true, 3, 3),
                key(1, "09:45"), new StoredVisit(14, false, 0, 0));

        RecoverySelection chosen = RecoverySelection.of(item, answer, known);

        assertThat(chosen.rows()).containsExactly(answer.get(0), answer.get(4));
        assertThat(chosen.staleIds()).containsExactly(11L);
        assertThat(chosen.changedHealthy()).isEqualTo(1);
        assertThat(chosen.sampleChanged()).isEqualTo(key(1, "09:30"));
    }

    @Test
    void aMissingSiteDaySendsEveryRowHealthyOrNot() {
        RecoveryItem item = new RecoveryItem(new SiteDay("aa lib", D1), Kind.MISSING);
        List<TrafficRow> answer = List.of(row(1, "09:00", 5, 4, true), row(1, "09:15", 0, 0, false));

        RecoverySelection chosen = RecoverySelection.of(item, answer, Map.of());

        assertThat(chosen.rows()).isEqualTo(answer);
        assertThat(chosen.staleIds()).isEmpty();
    }

    private static TrafficRow row(int orbit, String time, int enters, int exits, boolean healthy) {
        return new TrafficRow("aa lib", orbit, D1 + "T" + time + ":00", enters, exits, healthy);
    }

    private static VisitKey key(int orbit, String time) {
        return new VisitKey("aa lib", orbit, LocalDateTime.parse(D1 + "T" + time + ":00"));
    }

    private static Set<SiteDay> everySiteDayBut(List<String> sites, SiteDay... absent) {
        Set<SiteDay> all = new TreeSet<>();
        for (LocalDate d = D1; !d.isAfter(D3); d = d.plusDays(1)) {
            for (String s : sites) {
                all.add(new SiteDay(s, d));
            }
        }
        all.removeAll(Set.of(absent));
        return all.stream().collect(Collectors.toSet());
    }
}
