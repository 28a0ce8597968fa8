package org.locationvisits.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;

import org.junit.jupiter.api.Test;

class CalendarDocumentTest {
    private static final String YAML = """
            hours:
              - {location_id: aa, weekday: Monday, regular_open: "09:00", regular_close: "18:00"}
              - {location_id: aa, weekday: Sunday, regular_open: null, regular_close: null}
              - {location_id: bb, weekday: tuesday, regular_open: 10:00, regular_close: 20:30:00}
            closures:
              - {location_id: null, closure_date: "2026-07-04", is_full_day: true}
              - {location_id: aa, closure_date: 2026-03-09}
              - {location_id: bb, closure_date: "2026-03-10", is_full_day: false}
            """;

    private static LocationCalendar parse(String text) {
        return CalendarDocument.parse(text.getBytes(StandardCharsets.UTF_8), "cal.yaml");
    }

    private static void assertExample(LocationCalendar calendar) {
        assertThat(calendar.hours("aa", DayOfWeek.MONDAY))
                .contains(new Hours(LocalTime.of(9, 0), LocalTime.of(18, 0)));
        assertThat(calendar.hours("aa", DayOfWeek.SUNDAY)).contains(Hours.CLOSED);
        assertThat(calendar.hours("aa", DayOfWeek.TUESDAY)).isEmpty();
        assertThat(calendar.hours("bb", DayOfWeek.TUESDAY))
                .contains(new Hours(LocalTime.of(10, 0), LocalTime.of(20, 30)));
        assertThat(calendar.closedAllDay("zz lib", LocalDate.parse("2026-07-04"))).isTrue();
        assertThat(calendar.closedAllDay("aa lib", LocalDate.parse("2026-03-09"))).isTrue();
        assertThat(calendar.closedAllDay("bb lib", LocalDate.parse("2026-03-09"))).isFalse();
        assertThat(calendar.closedAllDay("bb lib", LocalDate.parse("2026-03-10"))).isFalse();
    }

    @Test
    void readsYamlWithClosedWeekdaysNullLocationClosuresAndFullDayDefault() {
        assertExample(parse(YAML));
    }

    @Test
    void readsTheSameContentAsJson() {
        assertExample(parse("""
                {"hours": [
                  {"location_id": "aa", "weekday": "Monday", "regular_open": "09:00", "regular_close": "18:00"},
                  {"location_id": "aa", "weekday": "Sunday", "regular_open": null, "regular_close": null},
                  {"location_id": "bb", "weekday": "Tuesday", "regular_open": "10:00", "regular_close": "20:30"}],
                 "closures": [
                  {"location_id": null, "closure_date": "2026-07-04"},
                  {"location_id": "aa", "closure_date": "2026-03-09", "is_full_day": true},
                  {"location_id": "bb", "closure_date": "2026-03-10", "is_full_day": false}]}
                """));
    }

    @Test
    void namesSourceEntryAndFixForAMisspelledWeekday() {
        assertThatThrownBy(() -> parse("hours:\n  - {location_id: aa, weekday: Mnday, regular_open: \"09:00\","
                + " regular_close: \"18:00\"}\n"))
                .isInstanceOf(CalendarException.class)
                .hasMessage("Calendar document cal.yaml: hours[0] (location_id \"aa\", weekday \"Mnday\"): weekday"
                        + " 'Mnday' is not an English day name (Monday … Sunday)");
    }

    @Test
    void refusesOneOfOpenAndCloseMissing() {
        assertThatThrownBy(() -> parse("hours: [{location_id: aa, weekday: Monday, regular_open: \"09:00\","
                + " regular_close: null}]"))
                .hasMessageContaining("hours[0]").hasMessageContaining("give both times, or null for both");
        assertThatThrownBy(() -> parse("hours: [{location_id: aa, weekday: Monday, regular_open: \"09:00\"}]"))
                .hasMessageContaining("needs regular_close (null is allowed)");
    }

    @Test
    void refusesUnknownFieldsSoATypoCannotWidenAClosure() {
        assertThatThrownBy(() -> parse("closures: [{location_id: aa, closure_date: \"2026-03-09\", is_fullday: false}]"))
                .hasMessageContaining("closures[0]").hasMessageContaining("unknown field 'is_fullday'");
    }

    @Test
    void refusesAClosureWithoutLocationIdRatherThanClosingEverySite() {
        assertThatThrownBy(() -> parse("closures: [{closure_date: \"2026-03-09\"}]"))
                .hasMessageContaining("closures[0]").hasMessageContaining("needs location_id (null is allowed)");
    }

    @Test
    void refusesBadDatesNumericBranchCodesAndRepeatedWeekdays() {
        assertThatThrownBy(() -> parse("closures: [{location_id: aa, closure_date: \"March 9\"}]"))
                .hasMessageContaining("closure_date must be a date as YYYY-MM-DD");
        assertThatThrownBy(() -> parse("closures: [{location_id: 01, closure_date: \"2026-03-09\"}]"))
                .hasMessageContaining("location_id must be text or null").hasMessageContaining("quote it");
        assertThatThrownBy(() -> parse("hours: [{location_id: aa, weekday: Monday, regular_open: null, regular_close: null},"
                + " {location_id: aa, weekday: monday, regular_open: null, regular_close: null}]"))
                .hasMessageContaining("hours[1]").hasMessageContaining("a second time");
    }

    @Test
    void refusesContentThatIsNotADocumentOfLists() {
        assertThatThrownBy(() -> parse("hours: [unclosed")).isInstanceOf(CalendarException.class)
                .hasMessageContaining("cal.yaml is not valid JSON or YAML");
        assertThatThrownBy(() -> parse("")).hasMessageContaining("cal.yaml: the document: must be a mapping");
        assertThatThrownBy(() -> parse("hours: {aa: Monday}")).hasMessageContaining("hours: must be a list");
        assertThatThrownBy(() -> parse("hour: []")).hasMessageContaining("unknown field 'hour'");
    }
}
