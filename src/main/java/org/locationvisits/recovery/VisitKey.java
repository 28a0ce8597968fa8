package org.locationvisits.recovery;

import java.time.LocalDateTime;

/** What identifies an increment in the warehouse: site, orbit (may be null) and local start time. */
public record VisitKey(String siteId, Integer orbit, LocalDateTime incrementStart) {
}
