package org.locationvisits.common;

/**
 * Stored state that cannot be right (an unreadable recovery memory or call count): nothing may be polled until an
 * operator fixes it; the main job ends with exit 2 before any ShopperTrak call.
 */
public class StoredStateException extends IllegalStateException {
    public StoredStateException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoredStateException(String message) {
        super(message);
    }
}
