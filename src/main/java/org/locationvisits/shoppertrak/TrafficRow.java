package org.locationvisits.shoppertrak;

/**
 * One 15-minute count of one entrance, as ShopperTrak reported it, already cleaned:
 * trimmed site ID, orbit parsed from the entrance name (null when it cannot be),
 * {@code incrementStart} as {@code YYYY-MM-DDTHH:MM:SS} local site time,
 * counts null when blank or not integers, {@code healthy} when the code was "01".
 */
public record TrafficRow(String siteId, Integer orbit, String incrementStart,
                         Integer enters, Integer exits, boolean healthy) {
}
