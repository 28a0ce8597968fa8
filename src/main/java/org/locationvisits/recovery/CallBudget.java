package org.locationvisits.recovery;

import org.locationvisits.offsets.SourceOffsets;
import org.locationvisits.common.StoredStateException;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Supplier;

import org.locationvisits.shoppertrak.CallGate;


/**
 * ShopperTrak calls per New York day, counted by the task and kept with its offsets (partition
 * {@code {"shoppertrak_calls": "per_day"}}, offset {@code {"day": "YYYY-MM-DD", "calls": N}}), against an optional
 * daily limit (SHOPPERTRAK_DAILY_CALL_LIMIT). Every call counts, the daily poll's included: the daily poll spends
 * first, recovery only what is left; each request asks before every call, retries included ({@link #gate}), so
 * the count never passes the limit. Thread-safe.
 */
public final class CallBudget {
    /** Where earlier versions kept the count; read when the main offset has none. */
    public static final Map<String, String> PARTITION = SourceOffsets.LEGACY_CALLS_PARTITION;
    /** The keys of the task's main offset that hold the count. */
    public static final String DAY_KEY = SourceOffsets.CALLS_DAY_KEY;
    public static final String CALLS_KEY = SourceOffsets.CALLS_KEY;

    private final int limit;
    private LocalDate day;
    private int calls;

    /** @param limit calls a New York day may take, 0 for no budget */
    CallBudget(int limit) {
        this.limit = limit;
    }

    /** Reads the count from the main offset's keys; false when it has none. */
    synchronized boolean restoreFromMain(Map<String, ?> main) {
        if (main == null || main.get(DAY_KEY) == null || !(main.get(CALLS_KEY) instanceof Number n)) {
            return false;
        }
        try {
            day = LocalDate.parse(main.get(DAY_KEY).toString());
        } catch (java.time.format.DateTimeParseException e) {
            throw new StoredStateException("The stored call count names '" + main.get(DAY_KEY) + "', not a day; set "
                    + "the offset again with 'offsets set' to forget it", e);
        }
        calls = n.intValue();
        return true;
    }

    /** Today's count as the main offset's keys. */
    synchronized void putInto(Map<String, Object> main, LocalDate today) {
        main.put(DAY_KEY, today.toString());
        main.put(CALLS_KEY, used(today));
    }

    synchronized void restore(Map<String, ?> offset) {
        if (offset != null && offset.get("day") != null && offset.get("calls") instanceof Number n) {
            day = LocalDate.parse(offset.get("day").toString());
            calls = n.intValue();
        }
    }

    synchronized void spent(LocalDate today, int more) {
        if (!today.equals(day)) {
            day = today;
            calls = 0;
        }
        calls += more;
    }

    synchronized int used(LocalDate today) {
        return today.equals(day) ? calls : 0;
    }

    int limit() {
        return limit;
    }

    /** Whether one more call fits today's budget. */
    synchronized boolean allows(LocalDate today) {
        // The caller says what stops: the daily poll or recovery, each in one line.
        return limit == 0 || used(today) < limit;
    }

    /**
     * The gate one request asks before each of its calls, retries included: the request never takes the count past
     * the limit, whatever its retries ({@code callsSoFar} are not yet counted here). The day is read at each call: a
     * retry after New York midnight is asked against the new day's budget (and its calls counted there).
     */
    CallGate gate(Supplier<LocalDate> today) {
        return callsSoFar -> {
            synchronized (this) {
                return limit == 0 || used(today.get()) + callsSoFar < limit;
            }
        };
    }

    synchronized String describe(LocalDate today) {
        return used(today) + " ShopperTrak call(s) on " + today + (limit == 0 ? " (no daily budget)"
                : " of a daily budget of " + limit);
    }
}
