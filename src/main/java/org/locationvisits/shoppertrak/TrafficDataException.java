package org.locationvisits.shoppertrak;

/**
 * ShopperTrak answered with data that cannot be trusted for the requested day
 * (wrong date, no traffic, malformed or unsafe XML). Nothing of that day may be emitted.
 */
public class TrafficDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrafficDataException(String message) {
        super(message);
    }

    public TrafficDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
