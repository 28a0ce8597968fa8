package org.locationvisits.offsets;

import java.time.LocalDate;
import java.util.Optional;

/** Where the embedded runner keeps {@code {"last_poll_date": "YYYY-MM-DD"}}. */
public interface OffsetStore {
    /** The stored last fully delivered day; empty when nothing is stored yet. */
    Optional<LocalDate> read();

    /**
     * Stores a new last fully delivered day. Implementations refuse to overwrite a state
     * that changed since {@link #read()} and throw {@link OffsetConflictException}.
     */
    void write(LocalDate lastPollDate);
}
