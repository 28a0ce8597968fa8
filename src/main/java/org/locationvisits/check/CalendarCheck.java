package org.locationvisits.check;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.locationvisits.calendar.CalendarSource;
import org.locationvisits.calendar.LocationCalendar;
import org.locationvisits.warehouse.Warehouse;
import org.locationvisits.warehouse.WarehouseSettings;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * The branch calendar read as the job reads it (the warehouse's hours and closures tables, else the LOCATION_CALENDAR
 * document): how many branches have hours and how many full-day closures it knows. No hours at all is a failure,
 * since then every unhealthy empty increment of the current generation is marked missing.
 */
final class CalendarCheck implements Check {
    static final String WHAT = "calendar";

    private final Optional<WarehouseSettings> warehouse;
    private final Optional<String> document;
    private final Supplier<S3Client> s3;

    CalendarCheck(Optional<WarehouseSettings> warehouse, Optional<String> document, Supplier<S3Client> s3) {
        this.warehouse = warehouse;
        this.document = document;
        this.s3 = s3;
    }

    @Override
    public List<CheckResult> run() {
        String where;
        LocationCalendar calendar;
        try {
            if (warehouse.isPresent()) {
                where = warehouse.get().table("location_hours_v2") + ", " + warehouse.get().table(
                        "location_closures_v2") + " in " + warehouse.get().describe();
                try (Warehouse tables = new Warehouse(warehouse.get())) {
                    calendar = tables.calendar();
                }
            } else if (document.isPresent()) {
                where = document.get();
                calendar = CalendarSource.load(document.get(), s3);
            } else {
                return List.of(CheckResult.skip(WHAT, "-", "no warehouse (REDSHIFT_DB_HOST) and no LOCATION_CALENDAR:"
                        + " branch hours and closures are unknown"));
            }
        } catch (RuntimeException e) {
            return List.of(CheckResult.fail(WHAT, warehouse.map(WarehouseSettings::describe)
                    .orElseGet(document::get), e.getMessage()));
        }
        String found = calendar.branchesWithHours() + " branch(es) with hours, " + calendar.closureCount()
                + " full-day closure(s)";
        if (calendar.branchesWithHours() == 0) {
            return List.of(CheckResult.fail(WHAT, where, found + ": without hours every unhealthy empty increment"
                    + " is marked missing. Fill the hours (current rows, is_current) or fix the setting"));
        }
        return List.of(CheckResult.ok(WHAT, where, found));
    }
}
