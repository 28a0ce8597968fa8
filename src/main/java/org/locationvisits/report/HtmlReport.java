package org.locationvisits.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

import org.locationvisits.drift.SiteDrift;

/**
 * The report as one self-contained HTML page: inline CSS, SVG and script, nothing fetched from anywhere, so it
 * can be mailed or opened from a bucket. The heat map is {@link HeatMapSvg}; the script only re-orders its rows
 * (worst first or by name) and shows a tooltip with a site-day's counts. Style sheet and script are resource
 * files ({@link PageAssets}).
 */
final class HtmlReport {
    private static final String[] BIN_LABELS = {"under 50%", "50–75%", "75–90%", "90–97%", "97–99%", "99–<100%",
            "100%"};

    private HtmlReport() {
    }

    static void write(CompletenessReport report, Writer writer) throws IOException {
        StringBuilder out = new StringBuilder(1 << 20);
        String from = report.days().get(0).toString();
        String to = report.days().get(report.days().size() - 1).toString();
        Counts total = report.total();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>ShopperTrak completeness ")
                .append(from).append(" to ").append(to).append("</title>\n<style>\n").append(PageAssets.CSS)
                .append("</style></head>\n<body>\n<h1>ShopperTrak completeness, ").append(from).append(" to ")
                .append(to).append("</h1>\n<p class=\"summary\">").append(report.rows().size()).append(" sites × ")
                .append(report.days().size()).append(" days from <code>").append(escape(report.source()))
                .append("</code> (").append(report.answers()).append(" archived answers")
                .append(report.unreadable() > 0 ? ", " + report.unreadable() + " unreadable and skipped" : "")
                .append("). ").append(String.format(Locale.ROOT, "<b>%.2f%%</b> of %,d open increments healthy; "
                                + "%,d recovered, %,d unhealthy, %,d missing; %,d closed site-days.",
                        100 * total.healthyShare(), total.open(), total.recovered(), total.unhealthy(),
                        total.missing(), total.closedDays()))
                .append("</p>\n<div class=\"controls\">Order: <button id=\"worst\" class=\"on\" type=\"button\">"
                        + "Worst first</button> <button id=\"name\" type=\"button\">Site name</button></div>\n");
        legend(out);
        out.append("<div class=\"map\">\n");
        new HeatMapSvg(report, out).write();
        out.append("</div>\n<div id=\"tip\" hidden></div>\n");
        if (!report.unreportable().isEmpty()) {
            out.append("<p class=\"note\">In the all-sites list but in no answer of the range (entrances unknown, "
                    + "not shown): ").append(escape(String.join(", ", report.unreportable()))).append("</p>\n");
        }
        drift(report, out);
        out.append("<script>\n").append(PageAssets.SCRIPT).append("</script>\n</body></html>\n");
        writer.write(out.toString());
        writer.flush();
    }

    /**
     * The days sites drifted from the reference, after the heat map: one item a day, its new and its gone sites.
     * Nothing when none drifted, so a page without drift is as before.
     */
    private static void drift(CompletenessReport report, StringBuilder out) {
        if (report.drift().isEmpty()) {
            return;
        }
        out.append("<div class=\"note drift\"><b>Site drift</b> (").append(report.drift().get(0).againstList()
                        ? "compared with the all-sites list" : "no all-sites list: compared with the sites of the last "
                        + SiteDrift.HISTORY_DAYS + " days' answers").append("; new: in the answers, not in the "
                        + "reference; gone: absent from ").append(SiteDrift.GONE_AFTER_DAYS)
                .append(" days' answers in a row; each site on the day first found. Update the all-sites list to "
                        + "match.)<ul>\n");
        for (SiteDrift.Findings day : report.drift()) {
            out.append("<li>").append(day.day()).append(":");
            if (!day.newSites().isEmpty()) {
                out.append(" new ").append(escape(String.join(", ", day.newSites())));
            }
            if (!day.goneSites().isEmpty()) {
                out.append(day.newSites().isEmpty() ? "" : ";").append(" gone ")
                        .append(escape(String.join(", ", day.goneSites())));
            }
            out.append("</li>\n");
        }
        out.append("</ul></div>\n");
    }

    private static void legend(StringBuilder out) {
        out.append("<div class=\"legend\"><span class=\"title\">Healthy share of the open increments:</span>");
        for (int q = BIN_LABELS.length - 1; q >= 0; q--) {
            out.append("<span class=\"key\"><i class=\"swatch q").append(q).append("\"></i>").append(BIN_LABELS[q])
                    .append("</span>");
        }
        out.append("<br><span class=\"key\"><i class=\"swatch q6 with-recovered\"></i>gold top: recovered "
                        + "increments</span><span class=\"key\"><i class=\"swatch q3 with-missing\"></i>black bottom: "
                        + "increments with no row at all</span><span class=\"key\"><i class=\"swatch absent\"></i>"
                        + "black: no row of the site that day</span>"
                        + "<span class=\"key\"><i class=\"swatch closed\"></i>hatched: "
                        + "full-day closure</span></div>\n<details class=\"defs\"><summary>Definitions</summary><ul>"
                        + "<li><b>expected</b>: the site's entrances (every entrance seen in the range) × the day's "
                        + "15-minute increments: 96, 92 on the spring-forward day, 100 on the fall-back day "
                        + "(America/New_York).</li><li><b>healthy</b>: code 01 in the day's allsites answer.</li>"
                        + "<li><b>recovered</b>: not healthy in any allsites answer, healthy in a later site answer "
                        + "of that day.</li><li><b>unhealthy</b>: answered, never healthy, not missing by the "
                        + "calendar rule.</li><li><b>missing</b>: no row at all (also a site absent from allsites and "
                        + "never answered), or unhealthy with 0 enters and 0 exits within the branch's regular "
                        + "hours (or hours unknown): <code>is_missing_data</code>.</li><li><b>closed</b>: a full-day "
                        + "closure of the branch or of every site; such a site-day is not judged.</li>"
                        + "<li>Colour: (healthy + recovered) ÷ (expected − closed). The black mark shows only the "
                        + "missing increments with no row; the rule's are in the colour and the tooltip.</li></ul></details>\n");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
