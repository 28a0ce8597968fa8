package org.locationvisits.source;

import java.time.LocalDate;

/** Why a day could not be emitted. {@code fatal} failures need an operator (e.g. wrong credentials). */
public record DayFailure(LocalDate day, String reason, boolean waitForNextPollTime, boolean fatal) {
}
