package org.locationvisits.shoppertrak.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.locationvisits.shoppertrak.ApiVersion;
import org.locationvisits.shoppertrak.DayResult;
import org.locationvisits.shoppertrak.ShopperTrakClient;
import org.locationvisits.shoppertrak.ShopperTrakSettings;
import org.locationvisits.shoppertrak.TrafficRow;

/** What recovery exists for, through the real client: corrections after the fact, sites missing from allsites. */
class LateCorrectionsAndMissingSitesTest {
    private static final LocalDate DAY = LocalDate.of(2024, 3, 25);
    private static final String SITE = "arts & letters";

    private ShopperTrakSimulator simulator;
    private ShopperTrakClient client;

    private void start(ShopperTrakSimulator.Builder builder) throws IOException {
        simulator = builder.sites(30).seed(8).start();
        client = new ShopperTrakClient(ShopperTrakSettings.defaults(simulator.baseUrl(ApiVersion.V2),
                "simulator", "simulator").withVersion(ApiVersion.V2), d -> { });
    }

    @AfterEach
    void stop() {
        client.close();
        simulator.close();
    }

    private static List<TrafficRow> rows(DayResult result) {
        assertThat(result).isInstanceOf(DayResult.Rows.class);
        return ((DayResult.Rows) result).rows();
    }

    @Test
    void correctsASiteDayOnlyWhenItIsAskedForAgain() throws IOException {
        start(ShopperTrakSimulator.builder().lateCorrections(true));
        SimulatedTraffic traffic = simulator.traffic();

        List<TrafficRow> first = rows(client.site(DAY, SITE));
        List<TrafficRow> again = rows(client.site(DAY, SITE));

        assertThat(first).isEqualTo(traffic.expectedRows(DAY, SITE)).anyMatch(r -> !r.healthy());
        assertThat(again).isEqualTo(traffic.expectedRows(DAY, SITE, true)).allMatch(TrafficRow::healthy);
        // Another day of the same site was never served: uncorrected.
        assertThat(rows(client.site(DAY.plusDays(1), SITE))).isEqualTo(traffic.expectedRows(DAY.plusDays(1), SITE));
    }

    @Test
    void correctsSitesServedByAllSitesButNeverTheAllSitesAnswer() throws IOException {
        start(ShopperTrakSimulator.builder().lateCorrections(true));

        rows(client.allSites(DAY));

        assertThat(rows(client.site(DAY, SITE))).isEqualTo(simulator.traffic().expectedRows(DAY, SITE, true));
        assertThat(rows(client.allSites(DAY))).isEqualTo(simulator.traffic().expectedRows(DAY, null));
    }

    @Test
    void answersTheSameAgainWithoutLateCorrections() throws IOException {
        start(ShopperTrakSimulator.builder());

        rows(client.site(DAY, SITE));

        assertThat(rows(client.site(DAY, SITE))).isEqualTo(simulator.traffic().expectedRows(DAY, SITE));
    }

    @Test
    void leavesMissingSitesOutOfAllSitesWhileTheSiteEndpointAnswersThem() throws IOException {
        start(ShopperTrakSimulator.builder().lateCorrections(true).missingSites(List.of(SITE)));

        List<TrafficRow> all = rows(client.allSites(DAY));

        assertThat(all).isEqualTo(simulator.traffic().expectedRows(DAY, null)).isNotEmpty()
                .noneMatch(r -> r.siteId().equals(SITE));
        // Not served by allsites, so its first site answer is the original one.
        assertThat(rows(client.site(DAY, SITE))).isEqualTo(simulator.traffic().expectedRows(DAY, SITE));
    }
}
