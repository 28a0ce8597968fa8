package org.locationvisits.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The page's structure: what a person reads and what the script needs, without a browser. */
class ReportHtmlTest {
    private static final LocalDate D1 = LocalDate.of(2026, 3, 7);
    private static final List<LocalDate> DAYS = D1.datesUntil(D1.plusDays(4)).toList();
    private static String page;

    @BeforeAll
    static void render() throws IOException {
        Map<String, List<SiteDay>> rows = Map.of(
                "aa lib", row("aa lib", i -> healthy(96)),
                "arts & letters", row("arts & letters", i -> i == 1 ? new Counts(96, 50, 40, 6, 0, 0, 0) : healthy(96)),
                "macomb's bridge", row("macomb's bridge", i -> i == 2 ? new Counts(192, 0, 0, 0, 192, 0, 0)
                        : i == 3 ? new Counts(192, 0, 0, 0, 0, 192, 1) : healthy(192)));
        CompletenessReport report = new CompletenessReport("s3://lake/raw/", DAYS, rows, List.of("gone lib"), 12, 1);
        StringWriter out = new StringWriter();
        HtmlReport.write(report, out);
        page = out.toString();
    }

    private static Counts healthy(long n) {
        return new Counts(n, n, 0, 0, 0, 0, 0);
    }

    private static List<SiteDay> row(String site, java.util.function.IntFunction<Counts> counts) {
        List<SiteDay> row = new ArrayList<>();
        for (int i = 0; i < DAYS.size(); i++) {
            Counts c = counts.apply(i);
            // Missing increments here have no row (none are missing by the calendar rule).
            row.add(new SiteDay(site, DAYS.get(i), (int) (c.expected() / 96), c.missing() < c.expected(), c.missing(),
                    c));
        }
        return row;
    }

    private static int occurrences(String regex) {
        Matcher m = Pattern.compile(regex).matcher(page);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /**
     * The whole page, byte for byte, against {@code page.html}: the page written before the style sheet and
     * script moved to resource files. Run with {@code -Dreport.page.write=true} to rewrite it after a deliberate
     * change.
     */
    @Test
    void writesTheSamePageAsBefore() throws IOException {
        byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
        if (Boolean.getBoolean("report.page.write")) {
            Files.write(Path.of("src/test/resources/org/locationvisits/report/page.html"), bytes);
        }
        try (InputStream expected = ReportHtmlTest.class.getResourceAsStream("page.html")) {
            assertThat(expected).as("page.html").isNotNull();
            assertThat(bytes).isEqualTo(expected.readAllBytes());
        }
    }

    @Test
    void drawsOneCellPerSiteDay() {
        assertThat(occurrences("<rect class=\"cell ")).isEqualTo(3 * 4);
        for (LocalDate day : DAYS) {
            assertThat(occurrences("class=\"cell [^\"]*\"[^>]*data-day=\"" + day + "\"")).as(day.toString()).isEqualTo(3);
        }
        assertThat(occurrences("<g class=\"row\" data-site=")).isEqualTo(3);
        assertThat(occurrences("<rect class=\"total ")).isEqualTo(4);
    }

    @Test
    void marksRecoveredMissingAndClosedSiteDays() {
        assertThat(occurrences("class=\"mark recovered\"")).isEqualTo(1);
        assertThat(occurrences("class=\"mark missing\"")).isEqualTo(1);
        assertThat(page).contains("<rect class=\"mark missing\" x=\"" + (HeatMapSvg.LABEL_WIDTH + 2 * 22)
                + "\" y=\"0\" width=\"21\" height=\"" + (HeatMapSvg.ROW_HEIGHT - 1) + "\"/>");
        assertThat(occurrences("class=\"cell closed\"")).isEqualTo(1);
        assertThat(occurrences("class=\"total closed\"")).isZero();
        assertThat(page).contains("data-day=\"2026-03-09\" data-v=\"192,0,0,0,192,0\"");
        assertThat(page).contains("class=\"cell q0\" x=");
    }

    @Test
    void listsTheWorstSiteFirstAndOffersBothOrders() {
        int worst = page.indexOf("data-site=\"macomb&#39;s bridge\"");
        int middle = page.indexOf("data-site=\"arts &amp; letters\"");
        int best = page.indexOf("data-site=\"aa lib\"");
        assertThat(worst).isPositive().isLessThan(middle);
        assertThat(middle).isLessThan(best);
        assertThat(page).contains("<button id=\"worst\"", "<button id=\"name\"", "order('worst')", "order('name')");
    }

    @Test
    void explainsItselfWithALegendAndDefinitions() {
        assertThat(page).contains("class=\"legend\"", "recovered", "missing", "full-day closure", "100%",
                "under 50%", "Definitions", "gone lib");
        assertThat(occurrences("<i class=\"swatch q\\d\">")).isEqualTo(7);
    }

    @Test
    void fetchesNothingFromTheNetwork() {
        assertThat(page).doesNotContain("http://", "https://", "src=", "<link", "@import", "//cdn");
        assertThat(occurrences("href=")).isZero();
        assertThat(occurrences("url\\((?!#)")).isZero();
    }
}
