package org.locationvisits.recovery;

/**
 * What all recovery passes of a task did so far, summed pass by pass for the summary line; read from any thread.
 * Kept apart from running passes so that the sums live in one place.
 */
final class PassTally {
    private volatile RecoveryStats done = RecoveryStats.NONE;

    /** A pass found nothing to re-query; {@code notDue} pending site-days were left for a later one. */
    void nothingToDo(int notDue) {
        RecoveryStats before = done;
        done = new RecoveryStats(before.siteDaysRequeried(), before.rowsRecovered(), 0, before.apiCalls(), notDue);
    }

    /** A pass ended with {@code finished}; {@code notDue} pending site-days were left out of it by the schedule. */
    void passDone(RecoveryStats finished, int notDue) {
        RecoveryStats before = done;
        done = new RecoveryStats(before.siteDaysRequeried() + finished.siteDaysRequeried(),
                before.rowsRecovered() + finished.rowsRecovered(), 0, before.apiCalls() + finished.apiCalls(),
                finished.siteDaysLeft() + notDue);
    }

    /** The sums so far, with {@code marked} rows marked stale. */
    RecoveryStats stats(long marked) {
        RecoveryStats s = done;
        return new RecoveryStats(s.siteDaysRequeried(), s.rowsRecovered(), marked, s.apiCalls(),
                s.siteDaysLeft());
    }
}
