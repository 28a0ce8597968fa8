package org.locationvisits.recovery;

/** What recovery did in a run, for the summary line. */
public record RecoveryStats(int siteDaysRequeried, long rowsRecovered, long rowsMarkedStale, int apiCalls,
                            int siteDaysLeft) {
    public static final RecoveryStats NONE = new RecoveryStats(0, 0, 0, 0, 0);
}
