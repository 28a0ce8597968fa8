package org.locationvisits.plan;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the next run of the main job would do, as {@code plan} tells it: the days of the daily poll, the site-days
 * of the recovery pass, the ShopperTrak calls they need against the daily limit, and the offset after. Dates are
 * {@code YYYY-MM-DD} text, so the JSON form is what a script expects without a date module.
 *
 * @param state             where the state is read ({@code s3://bucket/key}), or null with IGNORE_CACHE
 * @param now               the instant the plan is made for (ISO-8601)
 * @param pollDate          today in New York: the run's poll_date and the day its calls count on
 * @param lastPollDate      the last delivered day, which polling starts after
 * @param lastPollDateFrom  {@code stored offset} or {@code LAST_POLL_DATE}
 * @param resume            the position inside the first day a restart resumes after, or null
 * @param lastPollDateAfter the offset once the run has delivered every day it may poll today
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record NextRun(String state, String now, String pollDate, String lastPollDate, String lastPollDateFrom,
                      String resume, DailyPoll dailyPoll, Recovery recovery, Calls calls, Share today, Share later,
                      String lastPollDateAfter) {

    /**
     * @param from         the first day to poll, or null when none is due
     * @param to           the last day to poll (yesterday in New York, or LAST_END_DATE), or null
     * @param badPollDates the days among them listed in BAD_POLL_DATES
     */
    public record DailyPoll(String from, String to, int days, List<String> badPollDates) { }

    /**
     * @param from      the first day of the pass's window (30 days ending yesterday)
     * @param to        its last: the last day delivered before the run, or yesterday
     * @param ledger    {@code warehouse} or {@code memory} (the task's own, in the state object)
     * @param sites     how many sites the all-sites list names (0: none configured or unreadable)
     * @param siteDays  every site-day to re-query, in the order the pass asks them (full-day closures left out)
     */
    public record Recovery(String from, String to, String ledger, int sites, int unhealthy, int missing,
                           List<SiteDay> siteDays) { }

    /** One site-day to re-query and why: {@code unhealthy} or {@code missing}. */
    public record SiteDay(String date, String site, String kind) { }

    /**
     * @param limit           SHOPPERTRAK_DAILY_CALL_LIMIT, or null for none
     * @param countedToday    calls already counted today (New York) in the state object
     * @param leftToday       what the limit leaves today, or null for no limit
     * @param dailyPoll       calls the daily poll needs: one per day
     * @param recovery        calls the recovery pass needs: one per site-day
     * @param mostPerRequest  calls one request can take with every retry (MAX_RETRIES and the HTTP attempts)
     * @param worstCase       calls needed if every request took its every retry
     */
    public record Calls(Integer limit, int countedToday, Integer leftToday, int dailyPoll, int recovery,
                        int mostPerRequest, int worstCase) { }

    /** Days of the daily poll and site-days of recovery: those that fit today's limit, or those left for later. */
    public record Share(int days, int siteDays) { }
}
