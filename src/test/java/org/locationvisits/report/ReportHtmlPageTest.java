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

import org.junit.jupiter.api.Test;

/**
 * The whole page, byte for byte, against {@code page.html}: the page the report wrote before its CSS and script
 * moved to resource files. Run with {@code -Dreport.page.write=true} to rewrite it after a deliberate change.
 */
class ReportHtmlPageTest {
    private static final LocalDate D1 = LocalDate.of(2026, 3, 7);
    private static final List<LocalDate> DAYS = D1.datesUntil(D1.plusDays(4)).toList();

    @Test
    void writesTheSamePageAsBefore() throws IOException {
        Map<String, List<SiteDay>> rows = Map.of(
                "aa lib", row("aa lib", i -> healthy(96)),
                "arts & letters", row("arts & letters", i -> i == 1 ? new Counts(96, 50, 40, 6, 0, 0, 0) : healthy(96)),
                "macomb's bridge", row("macomb's bridge", i -> i == 2 ? new Counts(192, 0, 0, 0, 192, 0, 0)
                        : i == 3 ? new Counts(192, 0, 0, 0, 0, 192, 1) : healthy(192)));
        StringWriter out = new StringWriter();
        HtmlReport.write(new CompletenessReport("s3://lake/raw/", DAYS, rows, List.of("gone lib"), 12, 1), out);
        byte[] page = out.toString().getBytes(StandardCharsets.UTF_8);

        if (Boolean.getBoolean("report.page.write")) {
            Files.write(Path.of("src/test/resources/org/locationvisits/report/page.html"), page);
        }
        try (InputStream expected = ReportHtmlPageTest.class.getResourceAsStream("page.html")) {
            assertThat(expected).as("page.html").isNotNull();
            assertThat(page).isEqualTo(expected.readAllBytes());
        }
    }

    private static Counts healthy(long n) {
        return new Counts(n, n, 0, 0, 0, 0, 0);
    }

    private static List<SiteDay> row(String site, java.util.function.IntFunction<Counts> counts) {
        List<SiteDay> row = new ArrayList<>();
        for (int i = 0; i < DAYS.size(); i++) {
            Counts c = counts.apply(i);
            row.add(new SiteDay(site, DAYS.get(i), (int) (c.expected() / 96), c.missing() < c.expected(), c.missing(),
                    c));
        }
        return row;
    }
}
