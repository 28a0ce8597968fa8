package org.locationvisits.offsets;

/** Another writer changed the stored offset since we read it. */
public class OffsetConflictException extends RuntimeException {
    public OffsetConflictException(String message) {
        super(message);
    }
}
