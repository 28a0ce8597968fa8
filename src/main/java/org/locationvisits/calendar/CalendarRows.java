package org.locationvisits.calendar;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How a calendar row's text becomes calendar values, one set of rules for the warehouse tables and
 * calendar documents. Each method throws IllegalArgumentException saying what is wrong and what is expected.
 */
public final class CalendarRows {
    private static final DateTimeFormatter SHORT_HOUR = DateTimeFormatter.ofPattern("H:mm[:ss]");

    private CalendarRows() {
    }

    /** An English day name, any case: Monday … Sunday. */
    public static DayOfWeek weekday(String name) {
        if (name != null) {
            String upper = name.strip().toUpperCase(Locale.ROOT);
            for (DayOfWeek day : DayOfWeek.values()) {
                if (day.name().equals(upper)) {
                    return day;
                }
            }
        }
        throw new IllegalArgumentException("weekday '" + name + "' is not an English day name (Monday … Sunday)");
    }

    /** A time of day as HH:MM or HH:MM:SS (what a TIME column reads as). */
    public static LocalTime time(String text) {
        String trimmed = text.strip();
        try {
            return LocalTime.parse(trimmed);
        } catch (DateTimeParseException e) {
            try {
                return LocalTime.parse(trimmed, SHORT_HOUR);
            } catch (DateTimeParseException again) {
                throw new IllegalArgumentException("time '" + text + "' is not a time of day as HH:MM or HH:MM:SS");
            }
        }
    }

    /** Both null: closed that weekday. Otherwise both must be times, the close after the open. */
    public static Hours hours(String open, String close) {
        if (open == null && close == null) {
            return Hours.CLOSED;
        }
        if (open == null || close == null) {
            throw new IllegalArgumentException("regular_open is " + quoted(open) + " but regular_close is "
                    + quoted(close) + "; give both times, or null for both when the branch does not open that day");
        }
        LocalTime opens = time(open);
        LocalTime closes = time(close);
        if (!closes.isAfter(opens)) {
            throw new IllegalArgumentException("regular_close " + close + " is not after regular_open " + open);
        }
        return new Hours(opens, closes);
    }

    private static String quoted(String value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
