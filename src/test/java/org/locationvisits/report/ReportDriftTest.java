package org.locationvisits.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationvisits.calendar.LocationCalendar;
import org.locationvisits.drift.SiteDrift;

/**
 * The report page's site drift, computed from the archive the way the task computes it: the simulator answers with a
 * site the list lacks ({@code Faults.extraSite}) and without a listed one.
 */
class ReportDriftTest {
    private static final LocalDate D1 = LocalDate.of(2026, 11, 16);
    private static final String EXTRA = "zz new lib";
    private static final String ABSENT = "ep 42nd st";

    private static SimulatedArchive lake;

    @BeforeAll
    static void archive() throws IOException {
        lake = SimulatedArchive.start(3, List.of(ABSENT));
        lake.simulator.faults().extraSite(EXTRA);
        for (int n = 0; n < 4; n++) {
            LocalDate day = D1.plusDays(n);
            lake.allSites(day, day.plusDays(1).atTime(6, 15).toInstant(ZoneOffset.UTC));
        }
        // Three days after: only a recovery's answer for one site each, no allsites answer.
        for (int n = 4; n < 7; n++) {
            lake.site(D1.plusDays(n), "aa lib", D1.plusDays(n + 2).atTime(6, 15).toInstant(ZoneOffset.UTC));
        }
    }

    @AfterAll
    static void stop() {
        if (lake != null) {
            lake.close();
        }
    }

    @Test
    void findsANewSiteOnItsFirstDayAndAListedSiteGoneOnTheThirdDayWithoutIt() throws IOException {
        assertThat(lake.traffic().siteIds()).contains(ABSENT);
        CompletenessReport report = new ReportBuilder(lake.reader(), LocationCalendar.empty(),
                lake.traffic().siteIds(), 2).build(D1, D1.plusDays(6));

        // 2026-11-20 to 22 have a site answer only: they say nothing of the other sites, so no "gone" from them.
        assertThat(report.drift()).containsExactly(
                new SiteDrift.Findings(D1, List.of(EXTRA), List.of(), true),
                new SiteDrift.Findings(D1.plusDays(2), List.of(), List.of(ABSENT), true));

        StringWriter page = new StringWriter();
        HtmlReport.write(report, page);
        assertThat(page.toString()).contains("<b>Site drift</b> (compared with the all-sites list;")
                .contains("<li>2026-11-16: new zz new lib</li>", "<li>2026-11-18: gone ep 42nd st</li>");
    }

    @Test
    void withoutAListTheFirstDayIsTheReference() {
        CompletenessReport report = new ReportBuilder(lake.reader(), LocationCalendar.empty(), List.of(), 2)
                .build(D1, D1.plusDays(3));

        assertThat(report.drift()).as("every day answers the same sites").isEmpty();
    }
}
