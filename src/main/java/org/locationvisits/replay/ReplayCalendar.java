package org.locationvisits.replay;

import java.util.Optional;
import java.util.function.Supplier;

import org.locationvisits.calendar.CalendarSource;
import org.locationvisits.calendar.LocationCalendar;
import org.locationvisits.warehouse.Warehouse;
import org.locationvisits.warehouse.WarehouseSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * The branch calendar of {@code is_missing_data}, from the same place as the main job's (see
 * {@code ConfiguredServices}): the warehouse when one is configured, else {@code LOCATION_CALENDAR}, else none.
 */
public final class ReplayCalendar {
    private static final Logger log = LoggerFactory.getLogger(ReplayCalendar.class);

    private ReplayCalendar() {
    }

    /** @param locationCalendar a file path or s3://bucket/key; blank for none */
    public static LocationCalendar load(Optional<WarehouseSettings> warehouse, String locationCalendar,
                                        Supplier<S3Client> s3) {
        if (warehouse.isPresent()) {
            try (Warehouse w = new Warehouse(warehouse.get())) {
                LocationCalendar calendar = w.calendar();
                log.info("Location calendar from the warehouse: hours of {} branch(es), {} full-day closure(s)",
                        calendar.branchesWithHours(), calendar.closureCount());
                return calendar;
            }
        }
        if (locationCalendar != null && !locationCalendar.isBlank()) {
            return CalendarSource.load(locationCalendar, s3);
        }
        log.info("No warehouse and no LOCATION_CALENDAR: branch hours are unknown, so unhealthy empty increments"
                + " are marked missing; no closures are known");
        return LocationCalendar.empty();
    }
}
