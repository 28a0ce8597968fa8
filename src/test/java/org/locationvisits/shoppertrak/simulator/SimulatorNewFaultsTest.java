package org.locationvisits.shoppertrak.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationvisits.common.Sleeper;
import org.locationvisits.shoppertrak.DayResult;
import org.locationvisits.shoppertrak.ShopperTrakClient;
import org.locationvisits.shoppertrak.ShopperTrakSettings;
import org.locationvisits.shoppertrak.TrafficRow;

/** The faults bounded inputs are tested with: an extra (long) site, a per-site error code, oversize, drip. */
class SimulatorNewFaultsTest {
    private static final LocalDate DAY = LocalDate.of(2024, 3, 25);
    private static final Sleeper NO_WAIT = d -> { };
    private ShopperTrakSimulator simulator;
    private ShopperTrakClient client;

    @BeforeEach
    void start() throws IOException {
        simulator = ShopperTrakSimulator.builder().sites(3).start();
        client = new ShopperTrakClient(ShopperTrakSettings.defaults(simulator.baseUrl(), "simulator", "simulator"),
                NO_WAIT);
    }

    @AfterEach
    void stop() {
        client.close();
        simulator.close();
    }

    @Test
    void aLongSiteIsInAllsitesAndAnsweredOnItsOwn() {
        String longId = Faults.longSiteId(300);
        simulator.faults().apply(Map.of("longSite", "300"));

        DayResult.Rows all = (DayResult.Rows) client.allSites(DAY);
        DayResult.Rows one = (DayResult.Rows) client.site(DAY, longId);

        assertThat(longId).hasSize(300).startsWith("long site ");
        assertThat(all.rows()).extracting(TrafficRow::siteId).contains(longId);
        assertThat(one.rows()).isEqualTo(simulator.traffic().expectedRows(DAY, longId));
    }

    @Test
    void anExtraSiteWithCharactersToEncodeIsAnsweredAndResetRemovesIt() {
        String odd = "o'neil & sons; (east)+";
        simulator.faults().extraSite(odd);

        assertThat(client.site(DAY, odd)).isInstanceOf(DayResult.Rows.class);
        simulator.faults().reset();
        assertThat(client.site(DAY, odd)).isInstanceOf(DayResult.SiteError.class);
    }

    @Test
    void aPerSiteErrorCodeAnswersThatSiteOnly() {
        simulator.faults().apply(Map.of("siteError", "aa lib:E104"));

        assertThat(client.site(DAY, "aa lib")).isInstanceOf(DayResult.SiteError.class);
        assertThat(client.site(DAY, "bronx lib")).isInstanceOf(DayResult.Rows.class);
    }

    @Test
    void oversizeAndDripAreSetByName() {
        simulator.faults().apply(Map.of("oversizeBytes", "1000", "dripMs", "5"));

        assertThat(simulator.faults().snapshot()).containsEntry("oversizeBytes", 1000L).containsEntry("dripMs", 5L);
        assertThatThrownBy(() -> simulator.faults().apply(Map.of("longSite", "3")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOversizedAnswerStillParsesToTheSameRows() {
        simulator.faults().oversizeBytes(100_000);

        DayResult.Rows rows = (DayResult.Rows) client.allSites(DAY);

        assertThat(rows.rows()).isEqualTo(simulator.traffic().expectedRows(DAY, null));
    }
}
