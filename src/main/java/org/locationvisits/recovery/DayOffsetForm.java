package org.locationvisits.recovery;

import java.time.LocalDate;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.locationvisits.common.StoredStateException;

/**
 * One day of the {@link RecoveryMemory} as an offset, {@code {"pending": "<pending form>"}} (see
 * {@link PendingForm}), and back; a stored form that does not read names the partition to reset.
 */
final class DayOffsetForm {
    private DayOffsetForm() {
    }

    /** The day read from its stored offset, or null when the offset holds nothing (a day with nothing pending). */
    static PendingDay read(LocalDate day, Map<String, ?> offset) {
        Object text = offset == null ? null : offset.get(RecoveryMemory.OFFSET_KEY);
        if (text == null) {
            return null;
        }
        PendingDay read = new PendingDay();
        try {
            PendingForm.read(text.toString(), read.unhealthy(), read.missing(), read.changed());
        } catch (JsonProcessingException e) {
            throw invalid(day, e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw invalid(day, e.getMessage(), e);
        }
        return read;
    }

    /** The day as the offset the last record touching it carries (its changed sites left out). */
    static Map<String, Object> write(PendingDay pending) {
        return Map.of(RecoveryMemory.OFFSET_KEY, PendingForm.write(pending.unhealthy(), pending.missing()));
    }

    private static IllegalStateException invalid(LocalDate day, String reason, Exception cause) {
        return new StoredStateException("The stored recovery offset of " + day + " is not valid (" + reason
                + "); reset it (partition " + RecoveryMemory.partition(day) + ") to forget that day", cause);
    }
}
