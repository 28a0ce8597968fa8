package org.locationvisits.report;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/**
 * The heat map as inline SVG: one row per site (worst first), one {@code rect.cell} per site-day coloured by its
 * healthy share, a gold bar on top where increments were recovered, a black bar at the bottom where some
 * increments have no row at all (a black cell when the site has none that day), a grey hatch for a full-day
 * closure. Above the sites, one row of daily totals. Plain SVG, no script:
 * the page's script only re-orders rows and shows a tooltip.
 */
final class HeatMapSvg {
    static final int LABEL_WIDTH = 190;
    static final int ROW_HEIGHT = 14;
    static final int AXIS_HEIGHT = 34;
    static final int SHARE_WIDTH = 70;
    /** Lower bounds of the colour classes q0 (worst) … q6 (all healthy), as shares. */
    static final double[] BOUNDS = {0, 0.5, 0.75, 0.9, 0.97, 0.99, 1.0};

    private final CompletenessReport report;
    private final int cell;
    /** Drawn width: a 1px gap between wide cells, so neighbouring days of one colour stay apart. */
    private final int drawn;
    private final StringBuilder out;

    HeatMapSvg(CompletenessReport report, StringBuilder out) {
        this.report = report;
        this.out = out;
        this.cell = Math.max(2, Math.min(22, 1100 / report.days().size()));
        this.drawn = cell >= 6 ? cell - 1 : cell;
    }

    void write() {
        List<LocalDate> days = report.days();
        int width = LABEL_WIDTH + days.size() * cell + SHARE_WIDTH;
        int height = AXIS_HEIGHT + ROW_HEIGHT * (report.rows().size() + 2);
        out.append("<svg id=\"map\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"Healthy share per site and day\" data-cell=\"").append(cell)
                .append("\">\n<defs><pattern id=\"hatch\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\" "
                        + "patternTransform=\"rotate(45)\"><rect width=\"4\" height=\"4\" fill=\"#c8c8c8\"/>"
                        + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"4\" stroke=\"#fff\" stroke-width=\"2\"/></pattern>"
                        + "</defs>\n");
        axis(days);
        out.append("<text class=\"head sort-name\" x=\"4\" y=\"").append(AXIS_HEIGHT - 4)
                .append("\">site ▾</text><text class=\"head sort-worst\" x=\"")
                .append(LABEL_WIDTH + days.size() * cell + 6).append("\" y=\"").append(AXIS_HEIGHT - 4)
                .append("\">healthy ▾</text>\n");
        totalsRow(days);
        int y = AXIS_HEIGHT + 2 * ROW_HEIGHT;
        for (String site : report.sitesWorstFirst()) {
            siteRow(site, y);
            y += ROW_HEIGHT;
        }
        out.append("</svg>\n");
    }

    private void axis(List<LocalDate> days) {
        for (int i = 0; i < days.size(); i++) {
            LocalDate d = days.get(i);
            boolean label = days.size() <= 31 ? (days.size() <= 16 || i % 2 == 0) : d.getDayOfMonth() == 1 || i == 0;
            if (!label) {
                continue;
            }
            int x = LABEL_WIDTH + i * cell;
            String text = days.size() <= 31 ? String.valueOf(d.getDayOfMonth())
                    : d.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + d.getYear();
            out.append("<line class=\"tick\" x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"")
                    .append(AXIS_HEIGHT - 8).append("\" y2=\"").append(AXIS_HEIGHT).append("\"/><text class=\"axis\" x=\"")
                    .append(x).append("\" y=\"").append(AXIS_HEIGHT - 10).append("\">").append(text).append("</text>\n");
        }
        if (days.size() <= 31) {
            out.append("<text class=\"axis\" x=\"").append(LABEL_WIDTH).append("\" y=\"12\">")
                    .append(days.get(0).getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH)).append(' ')
                    .append(days.get(0).getYear()).append("</text>\n");
        }
    }

    private void totalsRow(List<LocalDate> days) {
        out.append("<g class=\"totals\" transform=\"translate(0,").append(AXIS_HEIGHT).append(")\">")
                .append("<text class=\"label\" x=\"4\" y=\"").append(ROW_HEIGHT - 3).append("\">all sites</text>");
        for (int i = 0; i < days.size(); i++) {
            Counts c = report.dayTotal(i);
            // A day every site was closed has nothing to judge: hatched, not "100% healthy".
            out.append("<rect class=\"total ").append(c.open() == 0 ? "closed" : colourClass(c)).append("\" x=\"").append(LABEL_WIDTH + i * cell)
                    .append("\" width=\"").append(drawn).append("\" height=\"").append(ROW_HEIGHT - 2)
                    .append("\" data-day=\"").append(days.get(i)).append("\" data-v=\"").append(values(c))
                    .append("\"/>");
        }
        share(report.total(), days.size());
        out.append("</g>\n");
    }

    private void siteRow(String site, int y) {
        Counts total = report.siteTotal(site);
        out.append("<g class=\"row\" data-site=\"").append(HtmlReport.escape(site)).append("\" data-share=\"")
                .append(String.format(Locale.ROOT, "%.6f", total.healthyShare())).append("\" data-missing=\"")
                .append(total.missing()).append("\" data-unhealthy=\"").append(total.unhealthy())
                .append("\" transform=\"translate(0,").append(y).append(")\"><text class=\"label\" x=\"4\" y=\"")
                .append(ROW_HEIGHT - 3).append("\">").append(HtmlReport.escape(site)).append("</text>");
        List<SiteDay> row = report.rows().get(site);
        for (int i = 0; i < row.size(); i++) {
            cell(row.get(i), LABEL_WIDTH + i * cell);
        }
        share(total, row.size());
        out.append("</g>\n");
    }

    private void cell(SiteDay day, int x) {
        Counts c = day.counts();
        out.append("<rect class=\"cell ").append(day.closed() ? "closed" : colourClass(c)).append("\" x=\"").append(x)
                .append("\" width=\"").append(drawn).append("\" height=\"").append(ROW_HEIGHT - 1)
                .append("\" data-day=\"").append(day.day()).append("\" data-v=\"").append(values(c)).append("\"/>");
        if (c.recovered() > 0) {
            mark("recovered", x, 0, 3);
        }
        // Only increments without any row: the calendar rule's missing ones are in the colour and the tooltip,
        // and marking them too would put a bar on almost every cell of a day with a few unhealthy night hours.
        if (day.noRow() > 0) {
            boolean wholeDay = day.noRow() == c.expected();
            mark("missing", x, wholeDay ? 0 : ROW_HEIGHT - 5, wholeDay ? ROW_HEIGHT - 1 : 4);
        }
    }

    private void mark(String kind, int x, int y, int height) {
        out.append("<rect class=\"mark ").append(kind).append("\" x=\"").append(x).append("\" y=\"").append(y)
                .append("\" width=\"").append(drawn).append("\" height=\"").append(height).append("\"/>");
    }

    private void share(Counts c, int days) {
        out.append("<text class=\"share\" x=\"").append(LABEL_WIDTH + days * cell + 6).append("\" y=\"")
                .append(ROW_HEIGHT - 3).append("\">")
                .append(String.format(Locale.ROOT, "%.1f%%", 100 * c.healthyShare())).append("</text>");
    }

    /** expected,healthy,recovered,unhealthy,missing,closed: what the tooltip shows. */
    private static String values(Counts c) {
        return c.expected() + "," + c.healthy() + "," + c.recovered() + "," + c.unhealthy() + "," + c.missing() + ","
                + c.closed();
    }

    static String colourClass(Counts c) {
        double share = c.healthyShare();
        for (int q = BOUNDS.length - 1; q > 0; q--) {
            if (share >= BOUNDS[q]) {
                return "q" + q;
            }
        }
        return "q0";
    }
}
