package org.locationvisits.shoppertrak;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;

/**
 * Data-quality problems found while parsing one response. Counted per kind with the first
 * sample kept, so a day with thousands of blank counts logs one line per kind, not thousands.
 */
public final class ParseWarnings {
    public static final String BAD_ORBIT = "bad orbit";
    public static final String BAD_CODE = "bad code";
    public static final String BAD_COUNT = "bad count";
    /** A (site, orbit, increment start) seen before in the answer: the repeated hour of a DST fall-back day. */
    public static final String REPEATED_KEY = "repeated key";

    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final Map<String, String> samples = new LinkedHashMap<>();

    /** Records one warning; the sample is kept only for the first warning of its kind. */
    public void add(String kind, String sample) {
        counts.merge(kind, 1, Integer::sum);
        samples.putIfAbsent(kind, sample);
    }

    public int total() {
        int total = 0;
        for (int c : counts.values()) {
            total += c;
        }
        return total;
    }

    /** Warning counts per kind, in the order the kinds were first seen. */
    public Map<String, Integer> counts() {
        return Collections.unmodifiableMap(counts);
    }

    /** The first sample of a kind, or null when there was none. */
    public String sample(String kind) {
        return samples.get(kind);
    }

    /** Logs one WARN line per kind with its count and first sample. */
    public void log(Logger log, LocalDate date) {
        log(log, date, false);
    }

    /**
     * Logs one line per kind with its count and first sample (escaped: it is API text); at INFO for a
     * listed bad poll date, whose problems are known and must not raise an alarm.
     */
    public void log(Logger log, LocalDate date, boolean listedBadPollDate) {
        DayLog day = DayLog.of(log, listedBadPollDate);
        counts.forEach((kind, count) -> day.warn("ShopperTrak data for {}: {} value(s) with {}, first: {}", date,
                count, kind, LogText.escape(samples.get(kind))));
    }

    @Override
    public String toString() {
        return "ParseWarnings" + counts;
    }
}
