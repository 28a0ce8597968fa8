package org.locationvisits.report;

import java.util.Optional;

import org.locationvisits.warehouse.WarehouseSettings;

/**
 * Where the report reads from: the data-lake archive; for closures and the calendar rule the warehouse, else a
 * {@code LOCATION_CALENDAR} document (blank: none); the all-sites list when its bucket is set (blank: none).
 */
public record ReportSources(String dataLakeBucket, String dataLakePath, Optional<WarehouseSettings> warehouse,
                            String locationCalendar, String allSitesBucket, String allSitesResource) {
}
