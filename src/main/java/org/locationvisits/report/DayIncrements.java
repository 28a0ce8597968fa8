package org.locationvisits.report;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The 15-minute increments ShopperTrak reports for one local day at the sites (America/New_York), in the order
 * they happened: 96, 92 on the spring-forward day (no 02:00-02:45), 100 on the fall-back day (01:00-01:45 twice).
 * A row finds its increment by its quarter of the day and how often that start time came before it in the answer.
 */
final class DayIncrements {
    static final ZoneId ZONE = ZoneId.of("America/New_York");
    private static final int[] NONE = new int[0];

    private final int count;
    /** quarter of the day (0..95) → the increments starting then, one per occurrence. */
    private final int[][] byQuarter;

    private DayIncrements(int count, int[][] byQuarter) {
        this.count = count;
        this.byQuarter = byQuarter;
    }

    static DayIncrements of(LocalDate day) {
        List<List<Integer>> slots = new ArrayList<>(96);
        for (int q = 0; q < 96; q++) {
            slots.add(new ArrayList<>(2));
        }
        ZonedDateTime end = day.plusDays(1).atStartOfDay(ZONE);
        int index = 0;
        // Time-based units move along the instant time-line, so the DST gap and overlap show up here.
        for (ZonedDateTime t = day.atStartOfDay(ZONE); t.isBefore(end); t = t.plusMinutes(15)) {
            slots.get(t.getHour() * 4 + t.getMinute() / 15).add(index++);
        }
        int[][] byQuarter = new int[96][];
        for (int q = 0; q < 96; q++) {
            byQuarter[q] = slots.get(q).isEmpty() ? NONE : slots.get(q).stream().mapToInt(Integer::intValue).toArray();
        }
        return new DayIncrements(index, byQuarter);
    }

    /** Increments per entrance that day. */
    int count() {
        return count;
    }

    /** @return the increment index, or -1 when the day has no such increment (e.g. 02:15 on the spring-forward day) */
    int index(int quarter, int occurrence) {
        int[] slots = byQuarter[quarter];
        return occurrence < slots.length ? slots[occurrence] : -1;
    }

    /**
     * The quarter of the day of a {@code YYYY-MM-DDTHH:MM:SS} increment start, or -1 when it is not on a
     * quarter hour of {@code day}.
     */
    static int quarter(String incrementStart, String day) {
        if (incrementStart == null || incrementStart.length() != 19 || !incrementStart.startsWith(day)
                || !incrementStart.endsWith(":00")) {
            return -1;
        }
        int hour = twoDigits(incrementStart, 11);
        int minute = twoDigits(incrementStart, 14);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 45 || minute % 15 != 0) {
            return -1;
        }
        return hour * 4 + minute / 15;
    }

    private static int twoDigits(String text, int at) {
        char a = text.charAt(at);
        char b = text.charAt(at + 1);
        if (a < '0' || a > '9' || b < '0' || b > '9') {
            return -1;
        }
        return (a - '0') * 10 + (b - '0');
    }
}
