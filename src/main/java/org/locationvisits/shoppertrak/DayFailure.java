package org.locationvisits.shoppertrak;

import java.time.LocalDate;

/** Why a day could not be emitted. {@code fatal} failures need an operator (e.g. wrong credentials). */
public record DayFailure(LocalDate day, String reason, boolean waitForNextPollTime, boolean fatal) {

    /**
     * Whether ShopperTrak itself failed on the day: an answer about it (an error code, busy to the end, a malformed
     * or mismatched answer), what a listed bad poll date is skipped for. A quota, a stop or a network failure says
     * nothing about the day.
     */
    public static boolean failsOnTheDay(DayResult result) {
        return result instanceof DayResult.BusyExhausted
                || (result instanceof DayResult.Failed failed && failed.answered());
    }

    /**
     * Whether the result only says that we stopped the client ourselves (a normal end or a stop): the caller
     * logs it at DEBUG or INFO, never as an error.
     */
    public static boolean byOwnStop(DayResult result) {
        return result instanceof DayResult.Failed failed && failed.byOwnStop();
    }

    /** Why a non-{@code Rows} result fails its day, in words an operator can act on. */
    public static DayFailure of(DayResult result) {
        // Java 17 has no pattern switch; the sealed DayResult keeps this list complete.
        LocalDate day = result.date();
        if (result instanceof DayResult.BusyExhausted busy) {
            return new DayFailure(day, "ShopperTrak stayed busy (" + busy.code() + ") for all "
                    + busy.apiCalls() + " attempts", false, false);
        }
        if (result instanceof DayResult.QuotaExceeded) {
            return new DayFailure(day, "ShopperTrak daily API call limit exceeded (E107); resume on a later run",
                    true, false);
        }
        if (result instanceof DayResult.LimitReached) {
            return new DayFailure(day, "the daily call limit (SHOPPERTRAK_DAILY_CALL_LIMIT) is reached; polling goes "
                    + "on on the next New York day", true, false);
        }
        if (result instanceof DayResult.BadCredentials bad) {
            return new DayFailure(day, "ShopperTrak refused the credentials (HTTP " + bad.httpStatus()
                    + "): check SHOPPERTRAK_USERNAME and SHOPPERTRAK_PASSWORD", false, true);
        }
        if (result instanceof DayResult.SiteError site) {
            return new DayFailure(day, "ShopperTrak error " + site.code() + " for site '" + site.siteId() + "': "
                    + site.description(), false, false);
        }
        if (result instanceof DayResult.Failed failed) {
            return new DayFailure(day, failed.reason(), false, false);
        }
        throw new IllegalArgumentException("not a failure: " + result.getClass().getSimpleName());
    }
}
