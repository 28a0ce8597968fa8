package org.locationvisits.report;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The report for a terminal: one line per site, worst first, then one total line per day, then the range's total.
 */
final class TerminalReport {
    private static final String SITE_HEADER = "%-24s %4s %9s %8s %9s %9s %8s %6s  %s%n";
    private static final String SITE_LINE = "%-24s %4d %9d %7.2f%% %9d %9d %8d %6d  %s%n";

    private TerminalReport() {
    }

    static void print(CompletenessReport report, PrintStream out) {
        List<String> sites = report.sitesWorstFirst();
        out.printf(Locale.ROOT, "Completeness %s to %s from %s: %d site(s), %d day(s), %d answer(s) read%s%n",
                report.days().get(0), report.days().get(report.days().size() - 1), report.source(), sites.size(),
                report.days().size(), report.answers(),
                report.unreadable() == 0 ? "" : ", " + report.unreadable() + " unreadable (skipped, see warnings)");
        out.printf(Locale.ROOT, SITE_HEADER, "site (worst first)", "ent", "expected", "healthy", "recovered",
                "unhealthy", "missing", "closed", "worst day");
        for (String site : sites) {
            Counts c = report.siteTotal(site);
            List<SiteDay> row = report.rows().get(site);
            out.printf(Locale.ROOT, SITE_LINE, clip(site), row.get(0).entrances(), c.expected(),
                    100 * c.healthyShare(), c.recovered(), c.unhealthy(), c.missing(), c.closedDays(), worstDay(row));
        }
        for (String site : report.unreportable()) {
            out.printf(Locale.ROOT, "%-24s  in the all-sites list, but no answer of the range holds it: entrances "
                    + "unknown, not counted%n", clip(site));
        }
        out.println();
        for (int i = 0; i < report.days().size(); i++) {
            out.println(dayLine(report.days().get(i).toString(), report.dayTotal(i), absent(report, i)));
        }
        out.println(dayLine("total", report.total(), -1));
        out.flush();
    }

    /** "2026-03-08  92.41% healthy of 16,744 open increments | recovered 12 | unhealthy 300 | missing 92 | closed 2 site-days". */
    static String dayLine(String label, Counts c, int absentSites) {
        return String.format(Locale.ROOT, "%-10s %7.2f%% healthy of %,d open increments | recovered %,d | unhealthy %,d | missing %,d"
                        + " | closed %d site-day(s)%s", label, 100 * c.healthyShare(), c.open(), c.recovered(),
                c.unhealthy(), c.missing(), c.closedDays(),
                absentSites > 0 ? " | " + absentSites + " site(s) never answered" : "");
    }

    private static int absent(CompletenessReport report, int dayIndex) {
        return (int) report.rows().values().stream().map(row -> row.get(dayIndex))
                .filter(d -> !d.answered() && !d.closed()).count();
    }

    private static String worstDay(List<SiteDay> row) {
        SiteDay worst = row.stream().filter(d -> !d.closed())
                .min(java.util.Comparator.comparing(SiteDay::counts, CompletenessReport.WORST_FIRST)).orElse(null);
        if (worst == null || worst.counts().healthyShare() == 1.0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%s (%.1f%%)", worst.day(), 100 * worst.counts().healthyShare());
    }

    private static String clip(String site) {
        return site.length() <= 24 ? site : site.substring(0, 23) + "…";
    }
}
