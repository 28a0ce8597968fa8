package org.locationvisits.source;

import java.time.LocalDate;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ShopperTrak calls per New York day, counted by the task and kept with its offsets (partition
 * {@code {"shoppertrak_calls": "per_day"}}, offset {@code {"day": "YYYY-MM-DD", "calls": N}}), against an optional
 * daily budget (SHOPPERTRAK_DAILY_CALL_LIMIT). The daily poll spends first; recovery only what is left, and stops
 * before a request could overspend it. Thread-safe.
 */
public final class CallBudget {
    public static final Map<String, String> PARTITION = Map.of("shoppertrak_calls", "per_day");
    private static final Logger log = LoggerFactory.getLogger(CallBudget.class);

    private final int limit;
    private LocalDate day;
    private int calls;

    /** @param limit calls a New York day may take, 0 for no budget */
    CallBudget(int limit) {
        this.limit = limit;
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

    /** Whether a request that may take up to {@code worstCase} calls still fits today's budget. */
    synchronized boolean allows(LocalDate today, int worstCase) {
        boolean fits = limit == 0 || used(today) + worstCase <= limit;
        if (!fits) {
            log.warn("ShopperTrak daily call budget reached: {} of {} call(s) used on {} (SHOPPERTRAK_DAILY_CALL_LIMIT);"
                    + " recovery stops here", used(today), limit, today);
        }
        return fits;
    }

    synchronized Map<String, Object> offset(LocalDate today) {
        return Map.of("day", today.toString(), "calls", used(today));
    }

    synchronized String describe(LocalDate today) {
        return used(today) + " ShopperTrak call(s) on " + today + (limit == 0 ? " (no daily budget)"
                : " of a daily budget of " + limit);
    }
}
