package org.locationvisits.offsets;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * The one source partition and its offset, as the Python poller's state file spells them:
 * partition {@code {"shoppertrak_endpoint": "allsites"}}, offset {@code {"last_poll_date": "YYYY-MM-DD"}}.
 */
public final class SourceOffsets {
    public static final String PARTITION_KEY = "shoppertrak_endpoint";
    public static final String PARTITION_VALUE = "allsites";
    public static final String OFFSET_KEY = "last_poll_date";
    public static final Map<String, String> PARTITION = Map.of(PARTITION_KEY, PARTITION_VALUE);
    public static final String EXPECTED_SHAPE = "partition {\"" + PARTITION_KEY + "\": \"" + PARTITION_VALUE
            + "\"} with offset {\"" + OFFSET_KEY + "\": \"YYYY-MM-DD\"} (a day not after yesterday) or null";

    /** The whole recovery memory, as one JSON text (see RecoveryMemory). */
    public static final String RECOVERY_KEY = "recovery_pending";
    /** The New York day of the call count, and the count. */
    public static final String CALLS_DAY_KEY = "calls_day";
    public static final String CALLS_KEY = "calls";
    /** The sites drifting from the all-sites list, already reported, and the last days' sites (see SiteDrift). */
    public static final String DRIFT_KEY = "site_drift";
    /** Earlier versions kept the recovery memory in one partition a day, and the call count in a partition. */
    public static final String LEGACY_RECOVERY_PARTITION_KEY = "recovery_day";
    public static final Map<String, String> LEGACY_CALLS_PARTITION = Map.of("shoppertrak_calls", "per_day");

    private SourceOffsets() {
    }

    public static Map<String, String> offset(LocalDate lastPollDate) {
        return Map.of(OFFSET_KEY, lastPollDate.toString());
    }

    /** Reads a stored offset; null when there is none. */
    public static LocalDate lastPollDate(Map<String, ?> offset) {
        if (offset == null || offset.get(OFFSET_KEY) == null) {
            return null;
        }
        Object value = offset.get(OFFSET_KEY);
        try {
            return LocalDate.parse(value.toString());
        } catch (DateTimeParseException e) {
            throw new ConnectException("Stored offset " + offset + " is not valid; expected " + EXPECTED_SHAPE
                    + ". Reset it with the worker's offsets REST API.");
        }
    }

    /**
     * The main offset moved to {@code lastPollDate} by an operator: a position inside the next day means nothing
     * once the day moved, so it goes; the memory and the call count stay unless {@code forgetRecovery}; the site drift
     * stays, so the sites it reported are not reported again.
     */
    public static Map<String, Object> moved(Map<String, ?> stored, LocalDate lastPollDate, boolean forgetRecovery) {
        Map<String, Object> moved = new java.util.LinkedHashMap<>();
        moved.put(OFFSET_KEY, lastPollDate.toString());
        if (stored != null) {
            stored.forEach((key, value) -> {
                boolean keep = isTaskKey(key) && !key.equals(OFFSET_KEY) && !key.startsWith("resume_")
                        && !(forgetRecovery && key.equals(RECOVERY_KEY));
                if (keep && value != null) {
                    moved.put(key, value);
                }
            });
        }
        return java.util.Collections.unmodifiableMap(moved);
    }

    private static boolean isTaskKey(String key) {
        return key.equals(OFFSET_KEY) || key.startsWith("resume_") || key.equals(RECOVERY_KEY)
                || key.equals(CALLS_DAY_KEY) || key.equals(CALLS_KEY) || key.equals(DRIFT_KEY);
    }

    /**
     * Checks the stored {@code last_poll_date} before a task polls anything: a day after yesterday cannot have
     * been delivered, and accepting it would report "caught up" every day while nothing is sent.
     *
     * @return what is wrong and how to fix it, or null when it can be right (or nothing is stored)
     */
    public static String problemWithStored(LocalDate stored, LocalDate yesterday) {
        if (stored == null || !stored.isAfter(yesterday)) {
            return null;
        }
        return "The stored offset last_poll_date " + stored + " is after yesterday (" + yesterday + ", New York), so "
                + "it cannot be a day that was delivered; nothing is polled until it is fixed. Set it to the last day "
                + "really delivered ('offsets set YYYY-MM-DD' in the main job, the worker's offsets REST API on "
                + "Connect)";
    }

    /**
     * Checks an offset an operator submits. Returns an error message, or null when it is acceptable.
     */
    public static String problemWith(Map<String, ?> partition, Map<String, ?> offset, LocalDate yesterday) {
        if (legacyRecoveryDay(partition) != null
                || LEGACY_CALLS_PARTITION.equals(partition)) {
            // The task's recovery memory and call count: reset (null) to forget, or set as the task wrote them.
            return offset == null || offset.isEmpty() || offset.values().stream().allMatch(v -> v instanceof String
                    || v instanceof Number) ? null : "offset " + offset + " of partition " + partition
                    + " must hold strings and numbers only";
        }
        if (partition == null || !PARTITION.equals(partition)) {
            return "unknown source partition " + partition + "; expected " + EXPECTED_SHAPE
                    + ", or a recovery_day / shoppertrak_calls partition of the task's own";
        }
        if (offset == null) {
            return null;
        }
        // The task's own offsets also carry a position inside the next day (DayPosition), the recovery memory and
        // the call count: accepted as read back, so what GET .../offsets gave can be PATCHed again.
        if (!offset.keySet().stream().allMatch(SourceOffsets::isTaskKey)
                || !(offset.get(OFFSET_KEY) instanceof String text)) {
            return "offset " + offset + " has the wrong shape; expected " + EXPECTED_SHAPE;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return "offset date '" + text + "' is not YYYY-MM-DD; expected " + EXPECTED_SHAPE;
        }
        if (date.isAfter(yesterday)) {
            return "offset date " + date + " is after yesterday (" + yesterday + "), so days that have not "
                    + "happened yet would be marked delivered; expected " + EXPECTED_SHAPE;
        }
        return null;
    }

    public static Map<String, String> legacyRecoveryPartition(LocalDate day) {
        return Map.of(LEGACY_RECOVERY_PARTITION_KEY, day.toString());
    }

    /** The day an earlier version's recovery partition names, or null for any other partition. */
    public static LocalDate legacyRecoveryDay(Map<String, ?> partition) {
        Object day = partition == null ? null : partition.get(LEGACY_RECOVERY_PARTITION_KEY);
        if (day == null || partition.size() != 1) {
            return null;
        }
        try {
            return LocalDate.parse(day.toString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
