package org.locationvisits.shoppertrak.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.locationvisits.shoppertrak.ApiVersion;

/**
 * Every API request the simulator received, so tests can check what the poller asked for, and
 * which site-days were answered with rows (late corrections apply to those only).
 */
public final class RequestLog {

    /**
     * One request.
     *
     * @param endpoint "allsites" or "site/&lt;id&gt;" (decoded)
     * @param date     the requested date, null when it was missing or invalid
     * @param version  the API version its parameters matched, null when neither
     * @param answer   what it got: "rows", an error code like "E108", or an HTTP status like "401"
     */
    public record Request(Instant time, String endpoint, LocalDate date, ApiVersion version, String answer) { }

    private final List<Request> requests = new ArrayList<>();
    private final Set<String> served = new HashSet<>();

    synchronized void add(Request request) {
        requests.add(request);
    }

    /** Remembers that these sites' rows of {@code date} went out, in a correct answer. */
    synchronized void served(LocalDate date, Collection<String> siteIds) {
        for (String siteId : siteIds) {
            served.add(date + "/" + siteId);
        }
    }

    /** Whether rows of this site-day went out before. */
    public synchronized boolean wasServed(LocalDate date, String siteId) {
        return served.contains(date + "/" + siteId);
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized int count() {
        return requests.size();
    }

    public synchronized Set<LocalDate> datesRequested() {
        Set<LocalDate> dates = new TreeSet<>();
        for (Request r : requests) {
            if (r.date() != null) {
                dates.add(r.date());
            }
        }
        return dates;
    }

    public synchronized void clear() {
        requests.clear();
        served.clear();
    }

    /** Plain maps with string values, for the JSON of {@code GET /admin/requests}. */
    synchronized List<Map<String, Object>> asMaps() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Request r : requests) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("time", r.time().toString());
            m.put("endpoint", r.endpoint());
            m.put("date", r.date() == null ? null : r.date().toString());
            m.put("version", r.version() == null ? null : r.version().name().toLowerCase(java.util.Locale.ROOT));
            m.put("answer", r.answer());
            list.add(m);
        }
        return list;
    }
}
