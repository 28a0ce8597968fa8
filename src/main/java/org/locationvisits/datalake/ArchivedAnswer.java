package org.locationvisits.datalake;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One answer in the data-lake archive, as its key names it.
 *
 * @param day       the polled day (the key's folder)
 * @param siteId    the site of a {@code site/{id}} answer (recovery); null for {@code allsites}
 * @param fetchedAt when the answer arrived
 * @param key       the object's key
 */
public record ArchivedAnswer(LocalDate day, String siteId, Instant fetchedAt, String key) {
    public boolean allSites() {
        return siteId == null;
    }
}
