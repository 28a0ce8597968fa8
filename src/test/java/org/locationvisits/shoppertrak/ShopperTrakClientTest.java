package org.locationvisits.shoppertrak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationvisits.shoppertrak.simulator.RequestLog;
import org.locationvisits.shoppertrak.simulator.ShopperTrakSimulator;

/** The client against the simulator, in-process: every documented answer of the API. */
class ShopperTrakClientTest {
    private static final LocalDate DAY = LocalDate.of(2024, 3, 25);

    private ShopperTrakSimulator simulator;
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private ShopperTrakSettings settings;

    @BeforeEach
    void start() throws Exception {
        simulator = ShopperTrakSimulator.builder().sites(40).seed(42).start();
        settings = ShopperTrakSettings.defaults(simulator.baseUrl(), "simulator", "simulator")
                .withBusyRetries(3, Duration.ofMinutes(5))
                .withHttpRetries(3, Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private ShopperTrakClient client() {
        return new ShopperTrakClient(settings, sleeper);
    }

    @Test
    void returnsExactlyTheSimulatedRowsForAllSites() {
        DayResult result = client().allSites(DAY);

        assertThat(result).isInstanceOf(DayResult.Rows.class);
        assertThat(((DayResult.Rows) result).rows()).isEqualTo(simulator.traffic().expectedRows(DAY, null));
        assertThat(result.apiCalls()).isEqualTo(1);
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void returnsTheSameRowsThroughApiV2WithTodaysBaseUrl() {
        settings = ShopperTrakSettings.defaults(simulator.baseUrl(ApiVersion.V2), "simulator", "simulator")
                .withVersion(ApiVersion.V2);

        DayResult result = client().allSites(DAY);

        assertThat(((DayResult.Rows) result).rows()).isEqualTo(simulator.traffic().expectedRows(DAY, null));
        assertThat(simulator.requestLog().requests()).extracting(RequestLog.Request::version)
                .containsExactly(ApiVersion.V2);
    }

    @Test
    void pathEncodesSiteIdsWithSpaces() {
        DayResult result = client().site(DAY, "aa lib");

        assertThat(((DayResult.Rows) result).rows()).isEqualTo(simulator.traffic().expectedRows(DAY, "aa lib"));
        assertThat(simulator.requestLog().requests()).extracting(RequestLog.Request::endpoint)
                .containsExactly("site/aa lib");
    }

    @Test
    void fetchesSitesWhoseIdsNeedEscaping() {
        for (String site : new String[] {"arts & letters", "macomb's bridge", "st. agnes"}) {
            DayResult result = client().site(DAY, site);

            assertThat(((DayResult.Rows) result).rows()).isEqualTo(simulator.traffic().expectedRows(DAY, site));
        }
    }

    @Test
    void retriesWhenBusyThenSucceeds() {
        simulator.faults().busy(2);

        DayResult result = client().allSites(DAY);

        assertThat(result).isInstanceOf(DayResult.Rows.class);
        assertThat(result.apiCalls()).isEqualTo(3);
        assertThat(sleeper.waits).containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(5));
    }

    @Test
    void givesUpAfterMaxRetriesBusyAnswers() {
        simulator.faults().busy(10);

        DayResult result = client().allSites(DAY);

        assertThat(result).isEqualTo(new DayResult.BusyExhausted(DAY, "E108", 3));
        assertThat(sleeper.waits).hasSize(2);
        assertThat(simulator.requestLog().count()).isEqualTo(3);
    }

    @Test
    void theCallGateEndsABusyRequestBeforeTheCallThatWouldPassTheLimit() {
        simulator.faults().busy(10);
        java.util.List<Integer> asked = new java.util.ArrayList<>();

        DayResult result = client().allSites(DAY, callsSoFar -> {
            asked.add(callsSoFar);
            return callsSoFar < 2;
        });

        assertThat(result).isEqualTo(new DayResult.LimitReached(DAY, 2));
        assertThat(simulator.requestLog().count()).as("two calls of MAX_RETRIES = 3").isEqualTo(2);
        assertThat(asked).as("asked before every call, with the calls made so far").containsExactly(0, 1, 2);
    }

    @Test
    void theCallGateEndsHttpRetriesAndAClosedGateMakesNoCall() {
        simulator.faults().http500(5);

        assertThat(client().site(DAY, "aa lib", callsSoFar -> callsSoFar < 1))
                .isEqualTo(new DayResult.LimitReached(DAY, 1));
        assertThat(client().allSites(DAY, callsSoFar -> false)).isEqualTo(new DayResult.LimitReached(DAY, 0));
        assertThat(simulator.requestLog().count()).isEqualTo(1);
    }

    @Test
    void aStopDuringARetryWaitIsOurOwnStopNotAFailure() {
        simulator.faults().busy(10);
        ShopperTrakClient client = new ShopperTrakClient(settings, wait -> {
            throw new InterruptedException("task is stopping");
        });

        DayResult result = client.allSites(DAY);

        assertThat(DayFailure.byOwnStop(result)).as("%s", result).isTrue();
        assertThat(result.apiCalls()).isEqualTo(1);
        assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
    }

    @Test
    void treatsServerDownLikeBusy() {
        simulator.faults().down(true);

        assertThat(client().allSites(DAY)).isEqualTo(new DayResult.BusyExhausted(DAY, "E000", 3));
    }

    @Test
    void stopsAtOnceWhenTheQuotaIsExceeded() {
        simulator.faults().quotaAfter(1);
        ShopperTrakClient client = client();

        assertThat(client.allSites(DAY)).isInstanceOf(DayResult.Rows.class);
        assertThat(client.allSites(DAY.plusDays(1))).isEqualTo(new DayResult.QuotaExceeded(DAY.plusDays(1), 1));
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void skipsAnUnknownSite() {
        DayResult result = client().site(DAY, "no such branch");

        assertThat(result).isEqualTo(
                new DayResult.SiteError(DAY, "no such branch", "E101", "Site ID not found", 1));
    }

    @Test
    void skipsSitesWithMultipleMatchesOrNoAccess() {
        simulator.faults().siteError("aa lib", "E104").siteError("bronx lib", "E110");

        assertThat(client().site(DAY, "aa lib")).isInstanceOf(DayResult.SiteError.class)
                .extracting(r -> ((DayResult.SiteError) r).code()).isEqualTo("E104");
        assertThat(client().site(DAY, "bronx lib")).isInstanceOf(DayResult.SiteError.class)
                .extracting(r -> ((DayResult.SiteError) r).code()).isEqualTo("E110");
    }

    @Test
    void failsTheDayOnAnUnexpectedErrorCode() {
        simulator.faults().error("E999");

        DayResult result = client().allSites(DAY);

        assertThat(result).isInstanceOf(DayResult.Failed.class);
        assertThat(((DayResult.Failed) result).reason()).contains("E999");
        assertThat(result.apiCalls()).isEqualTo(1);
    }

    @Test
    void retriesHttp500WithDoublingBackoffThenFails() {
        simulator.faults().http500(5);

        DayResult result = client().allSites(DAY);

        assertThat(result).isInstanceOf(DayResult.Failed.class);
        assertThat(((DayResult.Failed) result).reason()).contains("HTTP 500");
        assertThat(result.apiCalls()).isEqualTo(3);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void recoversWhenHttp500Clears() {
        simulator.faults().http500(1);

        DayResult result = client().allSites(DAY);

        assertThat(result).isInstanceOf(DayResult.Rows.class);
        assertThat(result.apiCalls()).isEqualTo(2);
    }

    @Test
    void retriesReadTimeoutsThenFails() {
        simulator.faults().delayMillis(200);
        ShopperTrakClient client = new ShopperTrakClient(settings, sleeper,
                new okhttp3.OkHttpClient.Builder().readTimeout(Duration.ofMillis(50)).build());

        DayResult result = client.allSites(DAY);

        assertThat(result).isInstanceOf(DayResult.Failed.class);
        assertThat(((DayResult.Failed) result).reason()).contains("failed 3 time(s)").containsIgnoringCase("timeout");
        assertThat(result.apiCalls()).isEqualTo(3);
    }

    @Test
    void reportsBadCredentialsAtOnceWithoutThePassword() {
        settings = ShopperTrakSettings.defaults(simulator.baseUrl(), "simulator", "wrong-Secret-123");

        DayResult result = client().allSites(DAY);

        assertThat(result).isEqualTo(new DayResult.BadCredentials(DAY, 401, 1));
        assertThat(result.toString()).doesNotContain("wrong-Secret-123");
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void skipsDayWhenResponseDateDiffers() {
        simulator.faults().dateMismatch(true);

        DayResult result = client().allSites(DAY);

        assertThat(result).isInstanceOf(DayResult.Failed.class);
        assertThat(((DayResult.Failed) result).reason()).contains("dateValue '20240326'");
    }

    @Test
    void failsTheDayOnMalformedXml() {
        simulator.faults().malformed(true);

        DayResult result = client().allSites(DAY);

        assertThat(result).isInstanceOf(DayResult.Failed.class);
        assertThat(((DayResult.Failed) result).reason()).contains("Malformed XML");
    }

    @Test
    void failsTheDayWithoutTraffic() {
        simulator.faults().noTraffic(true);

        DayResult result = client().allSites(DAY);

        assertThat(result).isInstanceOf(DayResult.Failed.class);
        assertThat(((DayResult.Failed) result).reason()).contains("no traffic");
    }

    @Test
    void sendsTheRequestedDateAndCountsEveryCall() {
        ShopperTrakClient client = client();
        client.allSites(DAY);
        client.allSites(DAY.plusDays(1));

        assertThat(simulator.requestLog().datesRequested()).containsExactly(DAY, DAY.plusDays(1));
        assertThat(simulator.requestLog().requests()).extracting(RequestLog.Request::answer)
                .containsExactly("rows", "rows");
    }
}
