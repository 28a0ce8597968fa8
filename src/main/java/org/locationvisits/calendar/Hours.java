package org.locationvisits.calendar;

import java.time.LocalTime;

/** A branch's regular hours on one weekday; both null when it does not open that weekday. */
public record Hours(LocalTime open, LocalTime close) {
    public static final Hours CLOSED = new Hours(null, null);

    public boolean closedAllDay() {
        return open == null && close == null;
    }

    /** {@code open <= time < close}; false when the branch does not open that day. */
    public boolean contains(LocalTime time) {
        return open != null && close != null && !time.isBefore(open) && time.isBefore(close);
    }
}
