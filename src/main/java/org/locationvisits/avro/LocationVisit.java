package org.locationvisits.avro;

import org.locationvisits.shoppertrak.TrafficRow;

/** One LocationVisits record, the fields of the bundled schema by their Avro names. */
public record LocationVisit(String shoppertrakSiteId, Integer orbit, String incrementStart,
                            Integer enters, Integer exits, boolean isHealthyOrbit,
                            boolean isRecoveryData, String pollDate) {

    public static LocationVisit of(TrafficRow row, boolean recovery, String pollDate) {
        return new LocationVisit(row.siteId(), row.orbit(), row.incrementStart(), row.enters(),
                row.exits(), row.healthy(), recovery, pollDate);
    }

    /** The Kinesis partition key and Kafka record key: {@code <site>|<orbit>|<increment_start>}. */
    public String key() {
        return shoppertrakSiteId + "|" + orbit + "|" + incrementStart;
    }
}
