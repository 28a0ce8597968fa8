package org.locationvisits.offsets;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import org.locationvisits.source.SourceOffsets;

/** Where the embedded runner keeps every partition's offset (TEMPORARY shape until the one state object lands). */
public interface OffsetStore {
    Map<Map<String, Object>, Map<String, Object>> readAll();

    void writeAll(Map<Map<String, Object>, Map<String, Object>> offsets);

    default Optional<LocalDate> read() {
        return Optional.ofNullable(SourceOffsets.lastPollDate(readAll().get(SourceOffsets.PARTITION)));
    }

    void write(LocalDate lastPollDate);
}
