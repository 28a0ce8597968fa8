package org.locationvisits.shoppertrak.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.locationvisits.shoppertrak.ApiVersion;
import org.locationvisits.shoppertrak.ParseOutcome;
import org.locationvisits.shoppertrak.TrafficParser;
import org.locationvisits.shoppertrak.TrafficRow;

class SimulatedTrafficTest {
    private static final LocalDate DAY = LocalDate.of(2024, 3, 25);

    @Test
    void producesUniqueLibraryLikeSiteIdsBeyondTheHandWrittenList() {
        List<String> ids = new SimulatedTraffic(2000, 1).siteIds();

        assertThat(ids).hasSize(2000).doesNotHaveDuplicates().startsWith("aa lib", "bronx lib", "ep 42nd st");
        assertThat(ids).anyMatch(id -> id.contains(" ")).anyMatch(id -> !id.contains(" "));
        assertThat(new SimulatedTraffic(90, 1).siteIds()).isEqualTo(ids.subList(0, 90));
    }

    @Test
    void givesEachSiteOneToFourEntrances() {
        SimulatedTraffic traffic = new SimulatedTraffic(200, 1);
        var counts = new HashSet<Integer>();
        for (String site : traffic.siteIds()) {
            counts.add(traffic.entrances(site));
        }

        assertThat(counts).containsExactlyInAnyOrder(1, 2, 3, 4);
    }

    @Test
    void isDeterministicForSeedAndDateAndDiffersAcrossSeeds() {
        List<TrafficRow> first = new SimulatedTraffic(30, 7).expectedRows(DAY, null);

        assertThat(new SimulatedTraffic(30, 7).expectedRows(DAY, null)).isEqualTo(first);
        assertThat(new SimulatedTraffic(30, 8).expectedRows(DAY, null)).isNotEqualTo(first);
        assertThat(new SimulatedTraffic(30, 7).expectedRows(DAY.plusDays(1), null)).isNotEqualTo(first);
        // The answer for one site does not depend on which other sites exist.
        assertThat(new SimulatedTraffic(5, 7).expectedRows(DAY, "aa lib"))
                .isEqualTo(new SimulatedTraffic(30, 7).expectedRows(DAY, "aa lib"));
    }

    @Test
    void looksLikeALibraryDay() {
        List<TrafficRow> rows = new SimulatedTraffic(90, 3).expectedRows(DAY, null);
        long unhealthy = rows.stream().filter(r -> !r.healthy()).count();
        int night = rows.stream().filter(r -> r.incrementStart().compareTo("2024-03-25T04:00") < 0)
                .mapToInt(r -> r.enters() == null ? 0 : r.enters()).sum();
        int midday = rows.stream().filter(r -> r.incrementStart().startsWith("2024-03-25T14"))
                .mapToInt(r -> r.enters() == null ? 0 : r.enters()).sum();

        assertThat(unhealthy / (double) rows.size()).isBetween(0.03, 0.07);
        assertThat(midday).isGreaterThan(20 * Math.max(1, night));
        assertThat(rows).anyMatch(r -> r.enters() == null);
    }

    @Test
    void expectedRowsAreWhatTheParserReadsFromBothApiVersions() throws Exception {
        SimulatedTraffic traffic = new SimulatedTraffic(90, 11);
        for (ApiVersion version : ApiVersion.values()) {
            StringWriter xml = new StringWriter();
            traffic.writeAllSites(DAY, version, xml);
            List<TrafficRow> parsed = new ArrayList<>();

            new TrafficParser().parse(new ByteArrayInputStream(xml.toString().getBytes(StandardCharsets.UTF_8)),
                    DAY, parsed::add);

            assertThat(xml.toString()).contains("<entrance " + version.entranceAttribute() + "=");
            assertThat(parsed).isEqualTo(traffic.expectedRows(DAY, null));
        }
    }

    @Test
    void expectedRowsOfOneSiteAreWhatTheParserReads() throws Exception {
        SimulatedTraffic traffic = new SimulatedTraffic(90, 11);
        StringWriter xml = new StringWriter();
        traffic.writeSite(DAY, "arts & letters", ApiVersion.V1, xml);
        List<TrafficRow> parsed = new ArrayList<>();

        new TrafficParser().parse(new ByteArrayInputStream(xml.toString().getBytes(StandardCharsets.UTF_8)),
                DAY, parsed::add);

        assertThat(parsed).isEqualTo(traffic.expectedRows(DAY, "arts & letters"));
    }

    private static List<TrafficRow> parse(SimulatedTraffic traffic, LocalDate day, String site,
                                          org.locationvisits.shoppertrak.ParseWarnings[] warnings) throws Exception {
        StringWriter xml = new StringWriter();
        if (site == null) {
            traffic.writeAllSites(day, ApiVersion.V2, xml);
        } else {
            traffic.writeSite(day, site, ApiVersion.V2, xml);
        }
        List<TrafficRow> parsed = new ArrayList<>();
        ParseOutcome outcome = new TrafficParser().parse(
                new ByteArrayInputStream(xml.toString().getBytes(StandardCharsets.UTF_8)), day, parsed::add);
        warnings[0] = ((ParseOutcome.Parsed) outcome).warnings();
        return parsed;
    }

    @Test
    void skipsTwoOClockOnTheSpringForwardDay() throws Exception {
        LocalDate spring = LocalDate.of(2026, 3, 8);
        SimulatedTraffic traffic = new SimulatedTraffic(10, 3, 2);
        var warnings = new org.locationvisits.shoppertrak.ParseWarnings[1];

        List<TrafficRow> rows = traffic.expectedRows(spring, "aa lib");

        assertThat(rows).hasSize(2 * 92).noneMatch(r -> r.incrementStart().startsWith("2026-03-08T02:"));
        assertThat(rows.subList(0, 92)).extracting(TrafficRow::incrementStart).doesNotHaveDuplicates()
                .contains("2026-03-08T01:45:00", "2026-03-08T03:00:00").last().isEqualTo("2026-03-08T23:45:00");
        assertThat(parse(traffic, spring, null, warnings)).isEqualTo(traffic.expectedRows(spring, null));
        assertThat(warnings[0].counts()).doesNotContainKey(org.locationvisits.shoppertrak.ParseWarnings.REPEATED_KEY);
    }

    @Test
    void repeatsOneOClockAfterItselfOnTheFallBackDay() throws Exception {
        LocalDate fall = LocalDate.of(2024, 11, 3);
        SimulatedTraffic traffic = new SimulatedTraffic(10, 3, 2);
        var warnings = new org.locationvisits.shoppertrak.ParseWarnings[1];

        List<TrafficRow> rows = traffic.expectedRows(fall, "aa lib");

        assertThat(rows).hasSize(2 * 100);
        assertThat(rows.subList(3, 13)).extracting(r -> r.incrementStart().substring(11)).containsExactly(
                "00:45:00", "01:00:00", "01:15:00", "01:30:00", "01:45:00",
                "01:00:00", "01:15:00", "01:30:00", "01:45:00", "02:00:00");
        assertThat(parse(traffic, fall, "aa lib", warnings)).isEqualTo(rows);
        assertThat(warnings[0].counts()).containsEntry(org.locationvisits.shoppertrak.ParseWarnings.REPEATED_KEY, 2 * 4);
    }

    @Test
    void correctsOnlyTheUnhealthyIncrementsAndGivesThemCounts() {
        SimulatedTraffic traffic = new SimulatedTraffic(40, 9);
        List<TrafficRow> first = traffic.expectedRows(DAY, null);
        List<TrafficRow> corrected = traffic.expectedRows(DAY, null, true);

        assertThat(corrected).hasSameSizeAs(first).allMatch(TrafficRow::healthy)
                .allMatch(r -> r.enters() != null && r.exits() != null);
        assertThat(first).anyMatch(r -> !r.healthy());
        for (int i = 0; i < first.size(); i++) {
            TrafficRow before = first.get(i);
            TrafficRow after = corrected.get(i);
            assertThat(after.incrementStart()).isEqualTo(before.incrementStart());
            if (before.healthy()) {
                assertThat(after).isEqualTo(before);
            }
        }
    }

    @Test
    void leavesMissingSitesOutOfAllSitesOnly() throws Exception {
        SimulatedTraffic traffic = new SimulatedTraffic(10, 3, 0, List.of("st. agnes", "aa lib"));
        var warnings = new org.locationvisits.shoppertrak.ParseWarnings[1];

        assertThat(traffic.siteIds()).hasSize(10).contains("st. agnes", "aa lib");
        assertThat(traffic.sitesInAllSites()).hasSize(8).doesNotContain("st. agnes", "aa lib");
        assertThat(parse(traffic, DAY, null, warnings)).isEqualTo(traffic.expectedRows(DAY, null))
                .noneMatch(r -> r.siteId().equals("aa lib"));
        assertThat(parse(traffic, DAY, "aa lib", warnings)).isNotEmpty();
        assertThatThrownBy(() -> new SimulatedTraffic(10, 3, 0, List.of("nowhere")))
                .hasMessageContaining("nowhere");
    }
}
