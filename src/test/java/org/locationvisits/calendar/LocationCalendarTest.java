package org.locationvisits.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;

import org.junit.jupiter.api.Test;

/** How sites meet a calendar: closures by the site ID's first two characters, hours by its first word. */
class LocationCalendarTest {
    private static final LocalDate DAY = LocalDate.parse("2026-03-09");

    @Test
    void aClosureMatchesTheFirstTwoCharactersOfTheSiteIdAsTodaysPollerDoes() {
        LocationCalendar calendar = new LocationCalendar.Builder().closedAllDay("sa", DAY)
                .closedAllDay("mm lib", DAY).build();

        assertThat(calendar.closedAllDay("sasb", DAY)).as("first word 'sasb', first two 'sa'").isTrue();
        assertThat(calendar.closedAllDay("sa lib 2", DAY)).isTrue();
        assertThat(calendar.closedAllDay("sa", DAY)).isTrue();
        assertThat(calendar.closedAllDay("sb", DAY)).isFalse();
        assertThat(calendar.closedAllDay("sa", DAY.plusDays(1))).isFalse();
        assertThat(calendar.closedAllDay("mm lib", DAY)).as("a longer location_id never equals two characters")
                .isFalse();
        assertThat(LocationCalendar.closureKeyOf("s")).isEqualTo("s");
    }

    @Test
    void hoursStayMatchedByTheFirstWord() {
        Hours open = new Hours(LocalTime.of(9, 0), LocalTime.of(18, 0));
        LocationCalendar calendar = new LocationCalendar.Builder().hours("sasb", DayOfWeek.MONDAY, open).build();

        assertThat(calendar.hours(LocationCalendar.branchOf("sasb lib 2"), DayOfWeek.MONDAY)).contains(open);
        assertThat(calendar.hours(LocationCalendar.branchOf("sa lib"), DayOfWeek.MONDAY)).isEmpty();
    }
}
