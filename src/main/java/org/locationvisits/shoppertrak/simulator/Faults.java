package org.locationvisits.shoppertrak.simulator;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The misbehaviour the simulator is told to show: ShopperTrak's error codes, bad data and
 * HTTP failures. Thread-safe; set before start or while running (see the admin endpoint).
 * Counted faults (busy, HTTP 500) are used up one request at a time.
 */
public final class Faults {
    /** What the next API request gets. */
    enum Kind { OK, HTTP_500, ERROR, DATE_MISMATCH, MALFORMED, NO_TRAFFIC }

    /**
     * @param dripMillis    when above 0, the body goes out one byte at a time, this long apart
     * @param oversizeBytes when above 0, a traffic document holds a comment this long
     */
    record Decision(Kind kind, String code, long delayMillis, long dripMillis, long oversizeBytes) { }

    private int busy;
    private boolean down;
    private int quotaAfter = -1;
    private int calls;
    private boolean dateMismatch;
    private boolean malformed;
    private boolean noTraffic;
    private long delayMillis;
    private long dripMillis;
    private long oversizeBytes;
    private String extraSite;
    private int http500;
    private String errorCode;
    private boolean lateCorrections;
    private CorrectionDelays correctionDelays;
    private final Map<String, String> siteErrors = new HashMap<>();

    /** Answer E108 (busy) to the next {@code n} requests. */
    public synchronized Faults busy(int n) {
        busy = requireNotNegative(n, "busy");
        return this;
    }

    /** Answer E000 (down) while set. */
    public synchronized Faults down(boolean on) {
        down = on;
        return this;
    }

    /** Answer E107 (quota) once {@code k} requests were answered; counting starts now. -1 turns it off. */
    public synchronized Faults quotaAfter(int k) {
        quotaAfter = k;
        calls = 0;
        return this;
    }

    /** Answer with a dateValue one day after the requested date. */
    public synchronized Faults dateMismatch(boolean on) {
        dateMismatch = on;
        return this;
    }

    /** Answer with a truncated document. */
    public synchronized Faults malformed(boolean on) {
        malformed = on;
        return this;
    }

    /** Answer with sites but no traffic element. */
    public synchronized Faults noTraffic(boolean on) {
        noTraffic = on;
        return this;
    }

    /** Wait this long before answering. */
    public synchronized Faults delayMillis(long ms) {
        delayMillis = Math.max(0, ms);
        return this;
    }

    /**
     * Send traffic answers one byte every {@code ms} milliseconds (0 turns it off): a server that drips, which
     * only an overall call deadline stops. Error answers go out at once.
     */
    public synchronized Faults dripMillis(long ms) {
        dripMillis = Math.max(0, ms);
        return this;
    }

    /** Pad every traffic answer with an XML comment of {@code n} bytes inside the root; 0 turns it off. */
    public synchronized Faults oversizeBytes(long n) {
        oversizeBytes = Math.max(0, n);
        return this;
    }

    /**
     * One more site of the account while set (null turns it off): {@code allsites} answers include it and
     * {@code site/{id}} answers it. For IDs the made-up list has not, such as a very long one.
     */
    public synchronized Faults extraSite(String siteId) {
        extraSite = siteId == null || siteId.isEmpty() ? null : siteId;
        return this;
    }

    /** An extra site whose ID is {@code length} characters long (see {@link #longSiteId(int)}). */
    public synchronized Faults longSite(int length) {
        return extraSite(longSiteId(length));
    }

    /** A site ID of exactly {@code length} characters, starting "long site ", the same every time. */
    public static String longSiteId(int length) {
        return SiteNames.longId(length);
    }

    synchronized String extraSite() {
        return extraSite;
    }

    /** Answer HTTP 500 to the next {@code n} requests. */
    public synchronized Faults http500(int n) {
        http500 = requireNotNegative(n, "http500");
        return this;
    }

    /** Answer every request with this error code (e.g. E999) while set; null turns it off. */
    public synchronized Faults error(String code) {
        errorCode = code;
        return this;
    }

    /** Answer the site endpoint for {@code siteId} with {@code code} (E104, E110, ...) while set. */
    public synchronized Faults siteError(String siteId, String code) {
        siteErrors.put(siteId, code);
        return this;
    }

    /**
     * Correct site-days after the fact, as ShopperTrak does: once rows of a site-day went out, a later
     * {@code site/{id}} request for it gets its unhealthy increments as healthy, with counts.
     */
    public synchronized Faults lateCorrections(boolean on) {
        lateCorrections = on;
        return this;
    }

    synchronized boolean lateCorrections() {
        return lateCorrections;
    }

    /**
     * Correct site-days a drawn number of days after their day (see {@link CorrectionDelays}), whether or not they
     * were served before; null turns it off. Applies to {@code site/{id}} answers, as {@link #lateCorrections}.
     */
    public synchronized Faults correctionDelays(CorrectionDelays delays) {
        correctionDelays = delays;
        return this;
    }

    /** Whether {@link #correctionDelays} has corrected this site-day by now. */
    synchronized boolean correctedByNow(java.time.LocalDate date, String siteId) {
        return correctionDelays != null && correctionDelays.corrected(date, siteId);
    }

    public synchronized void reset() {
        busy = 0;
        down = false;
        quotaAfter = -1;
        calls = 0;
        dateMismatch = false;
        malformed = false;
        noTraffic = false;
        delayMillis = 0;
        dripMillis = 0;
        oversizeBytes = 0;
        extraSite = null;
        http500 = 0;
        errorCode = null;
        lateCorrections = false;
        correctionDelays = null;
        siteErrors.clear();
    }

    /** Decides, and uses up, the fault for one authenticated API request. */
    synchronized Decision next(String siteIdOrNull) {
        calls++;
        Kind kind = Kind.OK;
        String code = null;
        if (http500 > 0) {
            http500--;
            kind = Kind.HTTP_500;
        } else if (quotaAfter >= 0 && calls > quotaAfter) {
            kind = Kind.ERROR;
            code = "E107";
        } else if (down) {
            kind = Kind.ERROR;
            code = "E000";
        } else if (busy > 0) {
            busy--;
            kind = Kind.ERROR;
            code = "E108";
        } else if (errorCode != null) {
            kind = Kind.ERROR;
            code = errorCode;
        } else if (siteIdOrNull != null && siteErrors.containsKey(siteIdOrNull)) {
            kind = Kind.ERROR;
            code = siteErrors.get(siteIdOrNull);
        } else if (dateMismatch) {
            kind = Kind.DATE_MISMATCH;
        } else if (malformed) {
            kind = Kind.MALFORMED;
        } else if (noTraffic) {
            kind = Kind.NO_TRAFFIC;
        }
        return new Decision(kind, code, delayMillis, dripMillis, oversizeBytes);
    }

    /**
     * Applies settings by name, as the admin endpoint and the command line give them (see {@link FaultNames}).
     */
    public synchronized Faults apply(Map<String, String> settings) {
        settings.forEach((key, value) -> FaultNames.apply(this, key, value));
        return this;
    }

    /** The current settings, for the admin endpoint. */
    public synchronized Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("busy", busy);
        s.put("down", down);
        s.put("quotaAfter", quotaAfter);
        s.put("callsSinceQuotaSet", calls);
        s.put("dateMismatch", dateMismatch);
        s.put("malformed", malformed);
        s.put("noTraffic", noTraffic);
        s.put("delayMs", delayMillis);
        s.put("http500", http500);
        s.put("error", errorCode);
        s.put("siteErrors", new LinkedHashMap<>(siteErrors));
        s.put("lateCorrections", lateCorrections);
        s.put("correctionDelays", correctionDelays == null ? null : "mean " + correctionDelays.meanDays()
                + " day(s), broken for good " + correctionDelays.brokenForGood());
        s.put("dripMs", dripMillis);
        s.put("oversizeBytes", oversizeBytes);
        s.put("extraSite", extraSite);
        return s;
    }

    private static int requireNotNegative(int n, String name) {
        if (n < 0) {
            throw new IllegalArgumentException(name + " must be zero or more, got " + n);
        }
        return n;
    }
}
