package org.locationvisits.shoppertrak.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.locationvisits.shoppertrak.ApiVersion;
import org.locationvisits.shoppertrak.DayResult;
import org.locationvisits.shoppertrak.ShopperTrakClient;
import org.locationvisits.shoppertrak.ShopperTrakSettings;
import org.locationvisits.shoppertrak.TrafficRow;

/** Late corrections after a drawn number of days, and sites broken for good, through the real client. */
class CorrectionDelaysTest {
    private static final LocalDate DAY = LocalDate.of(2026, 10, 1);
    private static final String BROKEN = "arts & letters";

    @Test
    void aSiteDayIsAnsweredAsOnItsDayUntilItsDrawnDelayThenCorrectedAndABrokenSiteNever() throws Exception {
        AtomicReference<LocalDate> today = new AtomicReference<>(DAY.plusDays(1));
        CorrectionDelays delays = new CorrectionDelays(3, 4, Set.of(BROKEN), today::get);
        try (ShopperTrakSimulator simulator = ShopperTrakSimulator.builder().sites(30).seed(8)
                .faults(new Faults().correctionDelays(delays)).start();
             ShopperTrakClient client = new ShopperTrakClient(ShopperTrakSettings.defaults(
                     simulator.baseUrl(ApiVersion.V2), "simulator", "simulator").withVersion(ApiVersion.V2), d -> { })) {
            SimulatedTraffic traffic = simulator.traffic();
            String site = traffic.siteIds().stream().filter(s -> !s.equals(BROKEN)).findFirst().orElseThrow();
            int delay = delays.delay(DAY, site);
            assertThat(delay).isBetween(1, 60);

            today.set(DAY.plusDays(delay - 1));
            assertThat(rows(client.site(DAY, site))).isEqualTo(traffic.expectedRows(DAY, site));
            today.set(DAY.plusDays(delay));
            assertThat(rows(client.site(DAY, site))).isEqualTo(traffic.expectedRows(DAY, site, true))
                    .allMatch(TrafficRow::healthy);
            today.set(DAY.plusDays(400));
            assertThat(rows(client.site(DAY, BROKEN))).isEqualTo(traffic.expectedRows(DAY, BROKEN))
                    .anyMatch(r -> !r.healthy());
            assertThat(rows(client.allSites(DAY))).as("allsites answers as on the day")
                    .isEqualTo(traffic.expectedRows(DAY, null));
        }
    }

    @Test
    void delaysAreSeededAndGeometricWithTheGivenMean() {
        CorrectionDelays delays = new CorrectionDelays(11, 5, Set.of(), () -> DAY);
        List<Integer> drawn = IntStream.range(0, 20_000).mapToObj(i -> delays.delay(DAY.plusDays(i % 400), "s" + i))
                .toList();

        assertThat(drawn).allMatch(d -> d >= 1);
        assertThat(drawn.stream().mapToInt(Integer::intValue).average().orElseThrow()).isBetween(4.8, 5.2);
        assertThat(drawn.stream().filter(d -> d == 1).count() / 20_000.0).as("P(1) = 1/mean").isBetween(0.18, 0.22);
        CorrectionDelays again = new CorrectionDelays(11, 5, Set.of(), () -> DAY);
        CorrectionDelays otherSeed = new CorrectionDelays(12, 5, Set.of(), () -> DAY);
        List<Integer> sameSeed = IntStream.range(0, 20_000).mapToObj(i -> again.delay(DAY.plusDays(i % 400), "s" + i))
                .toList();
        assertThat(sameSeed).isEqualTo(drawn);
        assertThat(IntStream.range(0, 100).anyMatch(i -> otherSeed.delay(DAY, "s" + i) != delays.delay(DAY, "s" + i)))
                .isTrue();
        assertThat(new CorrectionDelays(1, 1, Set.of(), () -> DAY).delay(DAY, "s1")).isEqualTo(1);
        assertThatThrownBy(() -> new CorrectionDelays(1, 0.5, Set.of(), () -> DAY)).hasMessageContaining("at least 1");
    }

    private static List<TrafficRow> rows(DayResult result) {
        assertThat(result).isInstanceOf(DayResult.Rows.class);
        return ((DayResult.Rows) result).rows();
    }
}
