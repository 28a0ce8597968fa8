package org.locationvisits.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.locationvisits.calendar.CalendarRows;
import org.locationvisits.calendar.Hours;
import org.locationvisits.calendar.LocationCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the branch calendar from {@code location_hours_v2} (current rows) and {@code location_closures_v2}
 * (full-day rows). A row the calendar cannot use is logged and skipped, not fatal: one bad row must not
 * stop every branch's delivery, and a branch-weekday left unknown is treated as open by the missing-data rule.
 */
final class WarehouseCalendar {
    private static final Logger log = LoggerFactory.getLogger(WarehouseCalendar.class);

    private final WarehouseConnection connection;
    private final String hoursTable;
    private final String closuresTable;

    WarehouseCalendar(WarehouseSettings settings, WarehouseConnection connection) {
        this.connection = connection;
        this.hoursTable = settings.table("location_hours_v2");
        this.closuresTable = settings.table("location_closures_v2");
    }

    LocationCalendar read() {
        LocationCalendar.Builder builder = new LocationCalendar.Builder();
        connection.run("read branch hours", hoursTable, c -> readHours(c, builder));
        connection.run("read branch closures", closuresTable, c -> readClosures(c, builder));
        LocationCalendar calendar = builder.build();
        log.info("Read the branch calendar from {} and {}: {} branches with hours, {} full-day closures",
                hoursTable, closuresTable, calendar.branchesWithHours(), calendar.closureCount());
        return calendar;
    }

    private Void readHours(Connection c, LocationCalendar.Builder builder) throws SQLException {
        // TIME columns are read as text so that text columns holding HH:MM[:SS] work the same way.
        String sql = "SELECT location_id, weekday, regular_open, regular_close FROM " + hoursTable + " WHERE is_current";
        Map<String, Map<DayOfWeek, Hours>> hours = new HashMap<>();
        Set<Map.Entry<String, DayOfWeek>> conflicts = new HashSet<>();
        try (PreparedStatement statement = connection.prepare(c, sql); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String branch = rows.getString(1);
                String weekday = rows.getString(2);
                try {
                    if (branch == null || branch.isBlank()) {
                        throw new IllegalArgumentException("location_id is empty");
                    }
                    DayOfWeek day = CalendarRows.weekday(weekday);
                    Hours h = CalendarRows.hours(rows.getString(3), rows.getString(4));
                    Hours before = hours.computeIfAbsent(branch.strip(), b -> new HashMap<>()).put(day, h);
                    if (before != null && !before.equals(h)) {
                        conflicts.add(Map.entry(branch.strip(), day));
                    }
                } catch (IllegalArgumentException e) {
                    log.warn("Skipped a row of {} (location_id '{}', weekday '{}'): {}", hoursTable, branch, weekday,
                            e.getMessage());
                }
            }
        }
        for (Map.Entry<String, DayOfWeek> conflict : conflicts) {
            hours.get(conflict.getKey()).remove(conflict.getValue());
            log.warn("{} has different current hours for {} on {}; treating that day's hours as unknown",
                    hoursTable, conflict.getKey(), conflict.getValue());
        }
        hours.forEach((branch, days) -> days.forEach((day, h) -> builder.hours(branch, day, h)));
        return null;
    }

    private Void readClosures(Connection c, LocationCalendar.Builder builder) throws SQLException {
        String sql = "SELECT location_id, closure_date FROM " + closuresTable + " WHERE is_full_day";
        try (PreparedStatement statement = connection.prepare(c, sql); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String branch = rows.getString(1);
                LocalDate date = rows.getObject(2, LocalDate.class);
                if (date == null) {
                    log.warn("Skipped a row of {} (location_id '{}'): closure_date is null", closuresTable, branch);
                    continue;
                }
                builder.closedAllDay(branch == null ? null : branch.strip(), date);
            }
        }
        return null;
    }
}
