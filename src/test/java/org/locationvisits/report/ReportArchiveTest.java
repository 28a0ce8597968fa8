package org.locationvisits.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationvisits.calendar.Hours;
import org.locationvisits.calendar.LocationCalendar;
import org.locationvisits.shoppertrak.TrafficRow;
import org.locationvisits.shoppertrak.simulator.SimulatedTraffic;

/**
 * The report from an archive the main job would have written (simulator answers on s3rver): a normal day, the
 * spring-forward and fall-back days, a late-corrected site answer, a site missing from allsites, a closure.
 */
class ReportArchiveTest {
    private static final LocalDate SATURDAY = LocalDate.of(2026, 3, 7);
    private static final LocalDate SPRING_FORWARD = LocalDate.of(2026, 3, 8);
    private static final LocalDate MONDAY = LocalDate.of(2026, 3, 9);
    private static final LocalDate FALL_BACK = LocalDate.of(2026, 11, 1);
    private static final String MISSING = "schwarzman";
    private static final String CLOSED = "snfl";
    private static final String WITH_HOURS = "aa lib";
    private static final LocationCalendar CALENDAR = calendar();

    private static SimulatedArchive lake;
    private static String corrected;
    private static CompletenessReport march;

    @BeforeAll
    static void archive() throws IOException {
        lake = SimulatedArchive.start(6, List.of(MISSING));
        for (LocalDate day : List.of(SATURDAY, SPRING_FORWARD, MONDAY, FALL_BACK)) {
            lake.allSites(day, at(day, 1, "06:15:00"));
        }
        // Recovery on Tuesday: one site's unhealthy increments come back corrected, the missing site answers.
        corrected = lake.traffic().sitesInAllSites().stream().filter(s -> !s.equals(CLOSED))
                .filter(s -> lake.traffic().expectedRows(MONDAY, s).stream().anyMatch(r -> !r.healthy()))
                .findFirst().orElseThrow();
        lake.site(MONDAY, corrected, at(MONDAY, 1, "06:20:00"));
        lake.site(MONDAY, MISSING, at(MONDAY, 1, "06:21:00"));
        march = new ReportBuilder(lake.reader(), CALENDAR, List.of(), 2).build(SATURDAY, MONDAY);
    }

    @AfterAll
    static void stop() {
        if (lake != null) {
            lake.close();
        }
    }

    private static Instant at(LocalDate day, int daysLater, String time) {
        return Instant.parse(day.plusDays(daysLater) + "T" + time + "Z");
    }

    private static LocationCalendar calendar() {
        LocationCalendar.Builder builder = new LocationCalendar.Builder()
                .closedAllDay(LocationCalendar.closureKeyOf(CLOSED), SATURDAY);
        for (DayOfWeek day : DayOfWeek.values()) {
            builder.hours(LocationCalendar.branchOf(WITH_HOURS), day, new Hours(LocalTime.of(9, 0), LocalTime.of(18, 0)));
        }
        return builder.build();
    }

    private static SiteDay siteDay(CompletenessReport report, String site, LocalDate day) {
        return report.rows().get(site).stream().filter(d -> d.day().equals(day)).findFirst().orElseThrow();
    }

    private static long count(List<TrafficRow> rows, Predicate<TrafficRow> test) {
        return rows.stream().filter(test).count();
    }

    /** is_missing_data as documented: unhealthy, no one counted, within the hours (all day when hours are unknown). */
    private static boolean ruleMissing(TrafficRow r) {
        LocalTime start = LocalDateTime.parse(r.incrementStart()).toLocalTime();
        boolean open = !r.siteId().equals(WITH_HOURS) || (!start.isBefore(LocalTime.of(9, 0))
                && start.isBefore(LocalTime.of(18, 0)));
        return !r.healthy() && empty(r) && open;
    }

    private static boolean empty(TrafficRow r) {
        return (r.enters() == null || r.enters() == 0) && (r.exits() == null || r.exits() == 0);
    }

    @Test
    void countsHealthyUnhealthyAndRuleMissingIncrementsOfAnOrdinaryDay() {
        SimulatedTraffic traffic = lake.traffic();
        // Unhealthy empty increments outside aa's hours exist, and must count as unhealthy, not missing.
        assertThat(count(traffic.expectedRows(SATURDAY, WITH_HOURS), r -> !r.healthy() && empty(r) && !ruleMissing(r)))
                .isPositive();
        long missing = 0;
        for (String site : List.of(WITH_HOURS, "bronx lib")) {
            List<TrafficRow> rows = traffic.expectedRows(SATURDAY, site);
            Counts c = siteDay(march, site, SATURDAY).counts();

            assertThat(c.expected()).isEqualTo(96L * traffic.entrances(site));
            assertThat(c.healthy()).isEqualTo(count(rows, TrafficRow::healthy));
            assertThat(c.missing()).isEqualTo(count(rows, ReportArchiveTest::ruleMissing));
            missing += c.missing();
            assertThat(c.unhealthy()).isEqualTo(count(rows, r -> !r.healthy() && !ruleMissing(r)));
            assertThat(c.recovered()).isZero();
        }
        assertThat(missing).isPositive();
    }

    @Test
    void expectsNinetyTwoIncrementsPerEntranceOnTheSpringForwardDay() {
        for (String site : march.sites()) {
            SiteDay day = siteDay(march, site, SPRING_FORWARD);
            assertThat(day.counts().expected()).as(site).isEqualTo(92L * lake.traffic().entrances(site));
        }
        Counts bronx = siteDay(march, "bronx lib", SPRING_FORWARD).counts();
        assertThat(bronx.healthy()).isEqualTo(count(lake.traffic().expectedRows(SPRING_FORWARD, "bronx lib"),
                TrafficRow::healthy));
    }

    @Test
    void countsBothOneOClockHoursOfTheFallBackDay() {
        CompletenessReport fallBack = new ReportBuilder(lake.reader(), CALENDAR, List.of(), 1).build(FALL_BACK, FALL_BACK);
        for (String site : fallBack.sites()) {
            List<TrafficRow> rows = lake.traffic().expectedRows(FALL_BACK, site);
            Counts c = siteDay(fallBack, site, FALL_BACK).counts();

            assertThat(c.expected()).as(site).isEqualTo(100L * lake.traffic().entrances(site));
            assertThat(c.healthy()).as(site).isEqualTo(count(rows, TrafficRow::healthy));
            assertThat(c.healthy() + c.unhealthy() + c.missing()).as(site).isEqualTo(c.expected());
            assertThat(c.missing()).as(site).isEqualTo(count(rows, ReportArchiveTest::ruleMissing));
        }
    }

    @Test
    void countsIncrementsHealthyOnlyInALaterSiteAnswerAsRecovered() {
        List<TrafficRow> allSites = lake.traffic().expectedRows(MONDAY, corrected);
        Counts c = siteDay(march, corrected, MONDAY).counts();

        assertThat(c.recovered()).isEqualTo(count(allSites, r -> !r.healthy())).isPositive();
        assertThat(c.healthy()).isEqualTo(count(allSites, TrafficRow::healthy));
        assertThat(c.unhealthy() + c.missing()).isZero();
        assertThat(c.healthyShare()).isEqualTo(1.0);
    }

    @Test
    void countsASiteAbsentFromAllSitesAndNeverAnsweredAsMissing() {
        SiteDay absent = siteDay(march, MISSING, SPRING_FORWARD);

        assertThat(absent.answered()).isFalse();
        assertThat(absent.counts().expected()).isEqualTo(92L * lake.traffic().entrances(MISSING));
        assertThat(absent.counts().missing()).isEqualTo(absent.counts().expected());
        // Answered by its site request on Monday: its healthy increments were recovered.
        SiteDay recovered = siteDay(march, MISSING, MONDAY);
        assertThat(recovered.counts().recovered()).isEqualTo(count(lake.traffic().expectedRows(MONDAY, MISSING),
                TrafficRow::healthy));
        assertThat(recovered.counts().healthy()).isZero();
    }

    @Test
    void showsAClosedSiteDayAsClosedNotMissing() {
        SiteDay closed = siteDay(march, CLOSED, SATURDAY);

        assertThat(closed.closed()).isTrue();
        assertThat(closed.counts().closed()).isEqualTo(closed.counts().expected()).isPositive();
        assertThat(closed.counts().missing() + closed.counts().unhealthy()).isZero();
        assertThat(siteDay(march, CLOSED, MONDAY).closed()).isFalse();
    }

    @Test
    void addsUpEverySiteDayAndNamesListedSitesWithoutAnswers() {
        assertThat(march.days()).containsExactly(SATURDAY, SPRING_FORWARD, MONDAY);
        assertThat(march.rows()).hasSize(6);
        assertThat(march.answers()).isEqualTo(5);
        for (List<SiteDay> row : march.rows().values()) {
            for (SiteDay d : row) {
                Counts c = d.counts();
                assertThat(c.healthy() + c.recovered() + c.unhealthy() + c.missing() + c.closed())
                        .as(d.siteId() + " " + d.day()).isEqualTo(c.expected());
            }
        }
        // The missing site is seen on Monday only: in a Saturday report its entrances are unknown.
        CompletenessReport listed = new ReportBuilder(lake.reader(), CALENDAR, List.of("aa lib", MISSING, "gone lib"),
                2).build(SATURDAY, SATURDAY);
        assertThat(listed.unreportable()).containsExactly(MISSING, "gone lib");
        assertThat(listed.rows()).containsKey("aa lib").doesNotContainKey(MISSING);
    }
}
