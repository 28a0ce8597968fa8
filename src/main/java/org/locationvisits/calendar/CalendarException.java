package org.locationvisits.calendar;

/** A calendar document could not be read or used; the message names the document, the entry and what to fix. */
public final class CalendarException extends RuntimeException {
    public CalendarException(String message) {
        super(message);
    }

    public CalendarException(String message, Throwable cause) {
        super(message, cause);
    }
}
