package org.locationvisits.avro;

import org.apache.avro.Schema;

/**
 * The two generations of LocationVisits records the Python poller has written. The schema in use decides,
 * by its field names: one with {@code is_healthy_data}, {@code is_missing_data} or {@code is_fresh} is the
 * current generation; any other is the first.
 */
public enum RecordGeneration {
    /** v0.x of the Python poller: {@code is_healthy_orbit}, {@code is_recovery_data}, {@code 2024-03-25T09:15:00}. */
    FIRST,
    /** v1.x: {@code is_healthy_data}, {@code is_missing_data}, {@code is_fresh}, {@code 2024-03-25 09:15:00}. */
    CURRENT;

    public static RecordGeneration of(Schema schema) {
        for (String name : new String[] {"is_healthy_data", "is_missing_data", "is_fresh"}) {
            if (schema.getField(name) != null) {
                return CURRENT;
            }
        }
        return FIRST;
    }

    /** {@code increment_start} as this generation writes it, from the {@code YYYY-MM-DDTHH:MM:SS} form. */
    public String incrementStart(String isoLocal) {
        return this == CURRENT && isoLocal != null ? isoLocal.replace('T', ' ') : isoLocal;
    }

    public String lowerName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
