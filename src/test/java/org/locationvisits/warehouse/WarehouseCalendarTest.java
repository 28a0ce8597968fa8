package org.locationvisits.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationvisits.calendar.Hours;
import org.locationvisits.calendar.LocationCalendar;
import org.locationvisits.testsupport.LogCapture;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The branch calendar read from location_hours_v2_qa and location_closures_v2_qa on a real PostgreSQL. */
class WarehouseCalendarTest {
    private static EmbeddedPostgres pg;
    private static WarehouseTables qa;

    @BeforeAll
    static void startPostgres() {
        pg = WarehouseTables.startPostgres();
        qa = WarehouseTables.create(pg, "qa");
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        pg.close();
    }

    @BeforeEach
    void clean() {
        qa.clear();
    }

    private static LocationCalendar calendar() {
        try (Warehouse warehouse = new Warehouse(qa.settings())) {
            return warehouse.calendar();
        }
    }

    private static Hours hours(String open, String close) {
        return new Hours(LocalTime.parse(open), LocalTime.parse(close));
    }

    @Test
    void readsCurrentHoursByEnglishDayNameAndBothNullAsClosed() {
        qa.hours("aa", "Monday", "09:00", "18:00").hours("aa", "Sunday", null, null)
                .hours("aa", "Tuesday", "10:00", "20:00", false)
                .hours("bb", "monday", "11:00", "19:00");

        LocationCalendar calendar = calendar();

        assertThat(calendar.hours("aa", DayOfWeek.MONDAY)).contains(hours("09:00", "18:00"));
        assertThat(calendar.hours("aa", DayOfWeek.SUNDAY)).contains(Hours.CLOSED);
        assertThat(calendar.hours("aa", DayOfWeek.TUESDAY)).isEmpty();
        assertThat(calendar.hours("bb", DayOfWeek.MONDAY)).contains(hours("11:00", "19:00"));
    }

    @Test
    void readsHoursKeptAsText() {
        qa.execute("ALTER TABLE location_hours_v2_qa ALTER COLUMN regular_open TYPE VARCHAR(8)",
                "ALTER TABLE location_hours_v2_qa ALTER COLUMN regular_close TYPE VARCHAR(8)");
        try {
            qa.execute("INSERT INTO location_hours_v2_qa VALUES ('aa', 'Friday', '9:30', '17:00:00', true)");
            assertThat(calendar().hours("aa", DayOfWeek.FRIDAY)).contains(hours("09:30", "17:00"));
        } finally {
            qa.clear();
            qa.execute("ALTER TABLE location_hours_v2_qa ALTER COLUMN regular_open TYPE TIME USING regular_open::time",
                    "ALTER TABLE location_hours_v2_qa ALTER COLUMN regular_close TYPE TIME USING regular_close::time");
        }
    }

    @Test
    void skipsAndLogsRowsItCannotUseLeavingThoseDaysUnknown() {
        qa.hours("aa", "Mon", "09:00", "18:00").hours("aa", "Tuesday", "09:00", null)
                .hours("aa", "Friday", "09:00", "18:00").hours("aa", "Friday", "10:00", "18:00")
                .hours("aa", "Saturday", "09:00", "18:00");

        try (LogCapture logs = LogCapture.start()) {
            LocationCalendar calendar = calendar();

            assertThat(calendar.hours("aa", DayOfWeek.MONDAY)).isEmpty();
            assertThat(calendar.hours("aa", DayOfWeek.TUESDAY)).isEmpty();
            assertThat(calendar.hours("aa", DayOfWeek.FRIDAY)).isEmpty();
            assertThat(calendar.hours("aa", DayOfWeek.SATURDAY)).contains(hours("09:00", "18:00"));
            assertThat(logs.text()).contains("weekday 'Mon' is not an English day name")
                    .contains("regular_open is '09:00:00' but regular_close is null")
                    .contains("different current hours for aa on FRIDAY");
        }
    }

    @Test
    void readsFullDayClosuresWithNullLocationClosingEverySite() {
        LocalDate july4 = LocalDate.parse("2026-07-04");
        LocalDate march9 = LocalDate.parse("2026-03-09");
        qa.closure(null, july4).closure("aa", march9).closure("bb", march9, false);

        LocationCalendar calendar = calendar();

        assertThat(calendar.closedAllDay("zz lib", july4)).isTrue();
        assertThat(calendar.closedAllDay("aa lib", march9)).isTrue();
        assertThat(calendar.closedAllDay("bb lib", march9)).isFalse();
        assertThat(calendar.closedAllDay("aa lib", march9.plusDays(1))).isFalse();
        assertThat(calendar.closureCount()).isEqualTo(2);
    }
}
