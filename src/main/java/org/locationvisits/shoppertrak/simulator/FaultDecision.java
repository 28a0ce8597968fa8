package org.locationvisits.shoppertrak.simulator;

/**
 * What one API request gets, and the rule that decides it from the switches: the first fault that applies wins,
 * in the order HTTP 500, quota (E107), down (E000), busy (E108), a set error code, a site's error, then bad data.
 *
 * @param code          the ShopperTrak error code when {@code kind} is {@link Kind#ERROR}, else null
 * @param delayMillis   how long to wait before answering
 * @param dripMillis    when above 0, the body goes out one byte at a time, this long apart
 * @param oversizeBytes when above 0, a traffic document holds a comment this long
 */
record FaultDecision(Kind kind, String code, long delayMillis, long dripMillis, long oversizeBytes) {
    /** The kind of answer. */
    enum Kind { OK, HTTP_500, ERROR, DATE_MISMATCH, MALFORMED, NO_TRAFFIC }

    /** Decides the answer for one request, counting it and using up one of a counted fault (busy, HTTP 500). */
    static FaultDecision next(FaultSwitches s, String siteIdOrNull) {
        s.calls++;
        Kind kind = Kind.OK;
        String code = null;
        if (s.http500 > 0) {
            s.http500--;
            kind = Kind.HTTP_500;
        } else if (s.quotaAfter >= 0 && s.calls > s.quotaAfter) {
            kind = Kind.ERROR;
            code = "E107";
        } else if (s.down) {
            kind = Kind.ERROR;
            code = "E000";
        } else if (s.busy > 0) {
            s.busy--;
            kind = Kind.ERROR;
            code = "E108";
        } else if (s.errorCode != null) {
            kind = Kind.ERROR;
            code = s.errorCode;
        } else if (siteIdOrNull != null && s.siteErrors.containsKey(siteIdOrNull)) {
            kind = Kind.ERROR;
            code = s.siteErrors.get(siteIdOrNull);
        } else if (s.dateMismatch) {
            kind = Kind.DATE_MISMATCH;
        } else if (s.malformed) {
            kind = Kind.MALFORMED;
        } else if (s.noTraffic) {
            kind = Kind.NO_TRAFFIC;
        }
        return new FaultDecision(kind, code, s.delayMillis, s.dripMillis, s.oversizeBytes);
    }
}
