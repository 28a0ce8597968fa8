package org.locationvisits.shoppertrak;

import java.time.LocalDate;
import java.util.List;

/**
 * Every outcome of asking ShopperTrak for one day (allsites) or one site of one day.
 * Only {@link Rows} carries data; every other outcome means nothing of that day may be emitted.
 */
public sealed interface DayResult {
    LocalDate date();

    /** Number of HTTP requests this outcome took, retries included. */
    int apiCalls();

    /**
     * The day's rows, complete.
     *
     * @param raw the answer byte for byte when the client keeps answers (data-lake copy), else null
     */
    record Rows(LocalDate date, List<TrafficRow> rows, int apiCalls, RawAnswer raw) implements DayResult {
        public Rows(LocalDate date, List<TrafficRow> rows, int apiCalls) {
            this(date, rows, apiCalls, null);
        }
    }

    /** E108/E000 answered on every one of MAX_RETRIES attempts. */
    record BusyExhausted(LocalDate date, String code, int apiCalls) implements DayResult { }

    /** E107: the daily API call limit is used up; try again on a later run. */
    record QuotaExceeded(LocalDate date, int apiCalls) implements DayResult { }

    /** E101/E104/E110 on the site endpoint: that site is skipped. */
    record SiteError(LocalDate date, String siteId, String code, String description, int apiCalls)
            implements DayResult { }

    /** HTTP 401/403: the credentials are wrong. The message never contains the secret. */
    record BadCredentials(LocalDate date, int httpStatus, int apiCalls) implements DayResult { }

    /**
     * Our own daily call limit (SHOPPERTRAK_DAILY_CALL_LIMIT) allowed no further call: nothing is wrong with the day
     * or with ShopperTrak; polling goes on when a new New York day brings a new count.
     */
    record LimitReached(LocalDate date, int apiCalls) implements DayResult { }

    /**
     * Anything else that fails the day: HTTP failures after retries, bad data, unknown error codes.
     *
     * @param cause what kind of failure it is: see {@link Cause}
     */
    record Failed(LocalDate date, String reason, int apiCalls, Cause cause) implements DayResult {
        /** What a failure says about the day, and about the requests after it. */
        public enum Cause {
            /** No answer came after the retries (network, 5xx, 429): every later request would likely meet it. */
            NO_ANSWER,
            /** ShopperTrak answered about the day (an unknown error code, a malformed or mismatched answer). */
            ABOUT_THE_DAY,
            /**
             * This one request was refused (an HTTP 4xx other than 401/403/429) or its answer passed our size cap:
             * not about the day's data, and not about the requests for other sites either.
             */
            REFUSED,
            /** Our own {@code close()} cancelled the request (a normal end or a stop): not an error. */
            OWN_STOP
        }

        /** A failure without an answer from ShopperTrak. */
        public Failed(LocalDate date, String reason, int apiCalls) {
            this(date, reason, apiCalls, Cause.NO_ANSWER);
        }

        public Failed(LocalDate date, String reason, int apiCalls, boolean answered) {
            this(date, reason, apiCalls, answered ? Cause.ABOUT_THE_DAY : Cause.NO_ANSWER);
        }

        /** Our own stop cancelled the request: no answer, nothing about the day, no error. */
        public static Failed stopped(LocalDate date, String reason, int apiCalls) {
            return new Failed(date, reason, apiCalls, Cause.OWN_STOP);
        }

        /** Whether ShopperTrak answered about the day. */
        public boolean answered() {
            return cause == Cause.ABOUT_THE_DAY;
        }

        /** Whether our own stop cancelled the request: logged at DEBUG or INFO, never as an error. */
        public boolean byOwnStop() {
            return cause == Cause.OWN_STOP;
        }
    }
}
