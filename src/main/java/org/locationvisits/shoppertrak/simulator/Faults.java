package org.locationvisits.shoppertrak.simulator;

import java.util.Map;

/**
 * The misbehaviour the simulator is told to show: ShopperTrak's error codes, bad data and
 * HTTP failures. Thread-safe; set before start or while running (see the admin endpoint).
 * Counted faults (busy, HTTP 500) are used up one request at a time. This class is the fluent API and the lock;
 * the values live in {@link FaultSwitches}, the per-request rule in {@link FaultDecision} and the names the admin
 * endpoint and the command line use in {@link FaultNames}.
 */
public final class Faults {
    private FaultSwitches switches = new FaultSwitches();

    /** Answer E108 (busy) to the next {@code n} requests. */
    public synchronized Faults busy(int n) {
        switches.busy = requireNotNegative(n, "busy");
        return this;
    }

    /** Answer E000 (down) while set. */
    public synchronized Faults down(boolean on) {
        switches.down = on;
        return this;
    }

    /** Answer E107 (quota) once {@code k} requests were answered; counting starts now. -1 turns it off. */
    public synchronized Faults quotaAfter(int k) {
        switches.quotaAfter = k;
        switches.calls = 0;
        return this;
    }

    /** Answer with a dateValue one day after the requested date. */
    public synchronized Faults dateMismatch(boolean on) {
        switches.dateMismatch = on;
        return this;
    }

    /** Answer with a truncated document. */
    public synchronized Faults malformed(boolean on) {
        switches.malformed = on;
        return this;
    }

    /** Answer with sites but no traffic element. */
    public synchronized Faults noTraffic(boolean on) {
        switches.noTraffic = on;
        return this;
    }

    /** Wait this long before answering. */
    public synchronized Faults delayMillis(long ms) {
        switches.delayMillis = Math.max(0, ms);
        return this;
    }

    /**
     * Send traffic answers one byte every {@code ms} milliseconds (0 turns it off): a server that drips, which
     * only an overall call deadline stops. Error answers go out at once.
     */
    public synchronized Faults dripMillis(long ms) {
        switches.dripMillis = Math.max(0, ms);
        return this;
    }

    /** Pad every traffic answer with an XML comment of {@code n} bytes inside the root; 0 turns it off. */
    public synchronized Faults oversizeBytes(long n) {
        switches.oversizeBytes = Math.max(0, n);
        return this;
    }

    /**
     * One more site of the account while set (null turns it off): {@code allsites} answers include it and
     * {@code site/{id}} answers it. For IDs the made-up list has not, such as a very long one.
     */
    public synchronized Faults extraSite(String siteId) {
        switches.extraSite = siteId == null || siteId.isEmpty() ? null : siteId;
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
        return switches.extraSite;
    }

    /** Answer HTTP 500 to the next {@code n} requests. */
    public synchronized Faults http500(int n) {
        switches.http500 = requireNotNegative(n, "http500");
        return this;
    }

    /** Answer every request with this error code (e.g. E999) while set; null turns it off. */
    public synchronized Faults error(String code) {
        switches.errorCode = code;
        return this;
    }

    /** Answer the site endpoint for {@code siteId} with {@code code} (E104, E110, ...) while set. */
    public synchronized Faults siteError(String siteId, String code) {
        switches.siteErrors.put(siteId, code);
        return this;
    }

    /**
     * Correct site-days after the fact, as ShopperTrak does: once rows of a site-day went out, a later
     * {@code site/{id}} request for it gets its unhealthy increments as healthy, with counts.
     */
    public synchronized Faults lateCorrections(boolean on) {
        switches.lateCorrections = on;
        return this;
    }

    synchronized boolean lateCorrections() {
        return switches.lateCorrections;
    }

    /**
     * Correct site-days a drawn number of days after their day (see {@link CorrectionDelays}), whether or not they
     * were served before; null turns it off. Applies to {@code site/{id}} answers, as {@link #lateCorrections}.
     */
    public synchronized Faults correctionDelays(CorrectionDelays delays) {
        switches.correctionDelays = delays;
        return this;
    }

    /** Whether {@link #correctionDelays} has corrected this site-day by now. */
    synchronized boolean correctedByNow(java.time.LocalDate date, String siteId) {
        return switches.correctionDelays != null && switches.correctionDelays.corrected(date, siteId);
    }

    /** Turns every fault off. */
    public synchronized void reset() {
        switches = new FaultSwitches();
    }

    /** Decides, and uses up, the fault for one authenticated API request. */
    synchronized FaultDecision next(String siteIdOrNull) {
        return FaultDecision.next(switches, siteIdOrNull);
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
        return switches.snapshot();
    }

    private static int requireNotNegative(int n, String name) {
        if (n < 0) {
            throw new IllegalArgumentException(name + " must be zero or more, got " + n);
        }
        return n;
    }
}
