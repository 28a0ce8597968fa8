package org.locationvisits.avro;

import org.locationvisits.shoppertrak.TrafficRow;

/**
 * One LocationVisits record with the values of both record generations ({@link RecordGeneration}):
 * {@code incrementStart} is kept as {@code YYYY-MM-DDTHH:MM:SS} and written as the schema's generation spells it;
 * {@code isHealthyOrbit} is also {@code is_healthy_data}; {@code is_fresh} is true on every record sent.
 */
public record LocationVisit(String shoppertrakSiteId, Integer orbit, String incrementStart,
                            Integer enters, Integer exits, boolean isHealthyOrbit,
                            boolean isRecoveryData, boolean isMissingData, String pollDate) {

    /** A record of the first generation's values (not missing). */
    public LocationVisit(String shoppertrakSiteId, Integer orbit, String incrementStart, Integer enters,
                         Integer exits, boolean isHealthyOrbit, boolean isRecoveryData, String pollDate) {
        this(shoppertrakSiteId, orbit, incrementStart, enters, exits, isHealthyOrbit, isRecoveryData, false,
                pollDate);
    }

    public static LocationVisit of(TrafficRow row, boolean recovery, String pollDate) {
        return of(row, recovery, false, pollDate);
    }

    public static LocationVisit of(TrafficRow row, boolean recovery, boolean missing, String pollDate) {
        return new LocationVisit(row.siteId(), row.orbit(), row.incrementStart(), row.enters(),
                row.exits(), row.healthy(), recovery, missing, pollDate);
    }

    /**
     * The Kinesis partition key and Kafka record key: {@code <site>|<orbit>|<increment_start>}, shortened as
     * {@link PartitionKey} says when a long site ID would make it exceed Kinesis's 256 characters.
     */
    public String key() {
        return PartitionKey.of(shoppertrakSiteId, orbit, incrementStart);
    }
}
