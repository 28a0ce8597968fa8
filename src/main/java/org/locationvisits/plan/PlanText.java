package org.locationvisits.plan;

import java.io.PrintStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.locationvisits.source.SourceConfig;

/** {@link NextRun} for a person: a few aligned lines, then the site-days to re-query (the first {@link #SHOWN}). */
public final class PlanText {
    /** Site-days listed at most; the rest are counted ("… and N more"). */
    public static final int SHOWN = 20;
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private PlanText() {
    }

    public static void print(NextRun plan, PrintStream out) {
        line(out, "State", plan.state() == null ? "none (IGNORE_CACHE=true)" : plan.state());
        line(out, "Now", plan.now() + " (New York: " + Instant.parse(plan.now()).atZone(SourceConfig.ZONE)
                .format(MINUTES) + ")");
        line(out, "Last delivered", plan.lastPollDate() + " (" + plan.lastPollDateFrom() + ")"
                + (plan.resume() == null ? "" : "; resuming " + plan.resume()));
        NextRun.DailyPoll poll = plan.dailyPoll();
        line(out, "Daily poll", poll.days() == 0 ? "nothing due" : poll.days() + " day(s), " + poll.from()
                + " through " + poll.to() + (poll.badPollDates().isEmpty() ? ""
                : "; listed in BAD_POLL_DATES: " + String.join(", ", poll.badPollDates())));
        NextRun.Recovery recovery = plan.recovery();
        line(out, "Recovery", recovery.siteDays().size() + " site-day(s) (" + recovery.unhealthy() + " unhealthy, "
                + recovery.missing() + " missing) of " + recovery.from() + " through " + recovery.to() + ", from "
                + (recovery.ledger().equals("warehouse") ? "the warehouse" : "the task's memory")
                + ", closures left out; all-sites list: " + (recovery.sites() == 0 ? "none" : recovery.sites()
                + " site(s)"));
        NextRun.Calls calls = plan.calls();
        line(out, "Calls needed", (calls.dailyPoll() + calls.recovery()) + " (" + calls.dailyPoll() + " daily poll + "
                + calls.recovery() + " recovery); at most " + calls.worstCase() + " with every retry ("
                + calls.mostPerRequest() + " a request)");
        line(out, "Daily limit", calls.limit() == null ? "none (SHOPPERTRAK_DAILY_CALL_LIMIT=0); "
                + calls.countedToday() + " call(s) counted today"
                : calls.limit() + " a New York day; " + calls.countedToday() + " counted today, "
                + calls.leftToday() + " left");
        line(out, "Fits today", share(plan.today()));
        line(out, "Left for tomorrow", share(plan.later()));
        line(out, "Offset after", plan.lastPollDateAfter() + (plan.today().days() == 0 ? " (unchanged)"
                : " (once every day polled is delivered)"));
        List<NextRun.SiteDay> siteDays = recovery.siteDays();
        if (!siteDays.isEmpty()) {
            out.println("Site-days to re-query:");
            int width = siteDays.stream().limit(SHOWN).mapToInt(s -> s.site().length()).max().orElse(0);
            siteDays.stream().limit(SHOWN).forEach(s -> out.println("  " + s.date() + "  "
                    + String.format("%-" + width + "s", s.site()) + "  " + s.kind()));
            if (siteDays.size() > SHOWN) {
                out.println("  … and " + (siteDays.size() - SHOWN) + " more");
            }
        }
    }

    private static String share(NextRun.Share share) {
        return share.days() + " day(s), " + share.siteDays() + " site-day(s)";
    }

    private static void line(PrintStream out, String label, String value) {
        out.println(String.format("%-18s%s", label, value));
    }
}
