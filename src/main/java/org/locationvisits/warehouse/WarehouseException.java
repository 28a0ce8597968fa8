package org.locationvisits.warehouse;

/** A warehouse operation failed; the message names the operation and table, never the password. */
public final class WarehouseException extends RuntimeException {
    WarehouseException(String message, Throwable cause) {
        super(message, cause);
    }
}
