package org.locationvisits.shoppertrak.simulator;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values of the simulator's fault switches, each starting off. A plain holder kept apart from
 * {@link Faults}, which sets them (and is their lock), so that {@link FaultDecision} can read them and
 * {@link #snapshot()} can describe them without either knowing the fluent API. Not thread-safe on its own:
 * only {@link Faults} touches it, under its lock.
 */
final class FaultSwitches {
    int busy;
    boolean down;
    int quotaAfter = -1;
    /** Requests answered since {@link #quotaAfter} was set. */
    int calls;
    boolean dateMismatch;
    boolean malformed;
    boolean noTraffic;
    long delayMillis;
    long dripMillis;
    long oversizeBytes;
    String extraSite;
    int http500;
    String errorCode;
    boolean lateCorrections;
    CorrectionDelays correctionDelays;
    final Map<String, String> siteErrors = new HashMap<>();

    /** The current settings under the names the admin endpoint shows. */
    Map<String, Object> snapshot() {
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
}
