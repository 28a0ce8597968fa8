package org.locationvisits.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class ReportDayIncrementsTest {
    @Test
    void countsTheIncrementsOfOrdinaryAndDaylightSavingDays() {
        assertThat(DayIncrements.of(LocalDate.of(2026, 3, 7)).count()).isEqualTo(96);
        assertThat(DayIncrements.of(LocalDate.of(2026, 3, 8)).count()).isEqualTo(92);
        assertThat(DayIncrements.of(LocalDate.of(2026, 11, 1)).count()).isEqualTo(100);
    }

    @Test
    void givesTheRepeatedOneOClockHourItsOwnIncrements() {
        DayIncrements fallBack = DayIncrements.of(LocalDate.of(2026, 11, 1));
        int quarter = DayIncrements.quarter("2026-11-01T01:00:00", "2026-11-01");

        assertThat(fallBack.index(quarter, 0)).isEqualTo(4);
        assertThat(fallBack.index(quarter, 1)).isEqualTo(8);
        assertThat(fallBack.index(quarter, 2)).isEqualTo(-1);
        assertThat(fallBack.index(DayIncrements.quarter("2026-11-01T23:45:00", "2026-11-01"), 0)).isEqualTo(99);
    }

    @Test
    void findsNoIncrementInTheSpringForwardGapOrOffTheQuarterHour() {
        DayIncrements springForward = DayIncrements.of(LocalDate.of(2026, 3, 8));

        assertThat(springForward.index(DayIncrements.quarter("2026-03-08T02:15:00", "2026-03-08"), 0)).isEqualTo(-1);
        assertThat(springForward.index(DayIncrements.quarter("2026-03-08T03:00:00", "2026-03-08"), 0)).isEqualTo(8);
        assertThat(DayIncrements.quarter("2026-03-08T03:10:00", "2026-03-08")).isEqualTo(-1);
        assertThat(DayIncrements.quarter("2026-03-09T03:00:00", "2026-03-08")).isEqualTo(-1);
    }
}
