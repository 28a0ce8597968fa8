package org.locationvisits.recovery;

/** A fresh row the warehouse holds for a key: its unique id, health and counts. */
public record StoredVisit(long id, boolean healthy, Integer enters, Integer exits) {
}
