package org.locationvisits.offsets;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import org.locationvisits.offsets.SourceOffsets;

/**
 * Where the main job keeps every offset of its task in one place: the main partition
 * ({@code {"shoppertrak_endpoint": "allsites"}} → {@code {"last_poll_date": "YYYY-MM-DD", ...}}) and the task's
 * other partitions (recovery memory, call count). One write replaces all of it, so a commit is atomic and a rival
 * writer is detected rather than overwritten.
 */
public interface OffsetStore {
    /**
     * Every stored partition with its offset, the main one included:
     * {@code {"shoppertrak_endpoint":"allsites"} -> {"last_poll_date":"YYYY-MM-DD", possibly more keys}}.
     * Empty when nothing is stored.
     */
    Map<Map<String, Object>, Map<String, Object>> readAll();

    /**
     * Replaces everything stored with one conditional write; {@link OffsetConflictException} when another writer
     * changed it since this store read or wrote it. The main partition must be present: its
     * {@code last_poll_date} is what the Python poller reads.
     */
    void writeAll(Map<Map<String, Object>, Map<String, Object>> offsets);

    /** Convenience: {@code last_poll_date} of the main partition. */
    default Optional<LocalDate> read() {
        return Optional.ofNullable(SourceOffsets.lastPollDate(readAll().get(SourceOffsets.PARTITION)));
    }

    /**
     * Convenience used by {@code offsets set}: moves {@code last_poll_date} and keeps every other partition as last
     * read (read first). Drops any other key of the main partition's offset: a resume position inside the next day
     * is meaningless once the day moved.
     */
    void write(LocalDate lastPollDate);
}
