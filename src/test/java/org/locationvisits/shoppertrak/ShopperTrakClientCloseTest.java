package org.locationvisits.shoppertrak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationvisits.shoppertrak.simulator.ShopperTrakSimulator;

import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;

/** close(): a call in flight ends as a stopped failure, nothing is retried, nothing follows. */
class ShopperTrakClientCloseTest {
    private static final LocalDate DAY = LocalDate.of(2024, 3, 25);
    // Far longer than cancelling takes and shorter than the read timeout: a call close() failed to
    // cancel would come back with rows once it is over, and fail the assertions below.
    private static final long SLOW_ANSWER_MS = 3_000;

    private ShopperTrakSimulator simulator;
    private ShopperTrakSettings settings;
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final CountDownLatch requestSent = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        simulator = ShopperTrakSimulator.builder().sites(3).start();
        settings = ShopperTrakSettings.defaults(simulator.baseUrl(), "simulator", "simulator");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    /** Opens the latch once the request is on the wire (or the call is over, so a failure cannot hang the test). */
    private OkHttpClient signallingHttp() {
        return new OkHttpClient.Builder().eventListener(new EventListener() {
            @Override
            public void requestHeadersEnd(Call call, okhttp3.Request request) {
                requestSent.countDown();
            }

            @Override
            public void callEnd(Call call) {
                requestSent.countDown();
            }

            @Override
            public void callFailed(Call call, IOException ioe) {
                requestSent.countDown();
            }
        }).build();
    }

    @Test
    void closeEndsACallInFlightAsStoppedWithoutRetrying() throws Exception {
        simulator.faults().delayMillis(SLOW_ANSWER_MS);
        ShopperTrakClient client = new ShopperTrakClient(settings, sleeper, signallingHttp());
        CompletableFuture<DayResult> result = CompletableFuture.supplyAsync(() -> client.allSites(DAY));
        requestSent.await();

        client.close();

        DayResult outcome = result.get();
        assertThat(outcome).isInstanceOf(DayResult.Failed.class);
        assertThat(((DayResult.Failed) outcome).reason()).contains("stopped").contains("allsites");
        // Our own stop: callers log it at DEBUG or INFO, never as an error.
        assertThat(DayFailure.byOwnStop(outcome)).isTrue();
        assertThat(DayFailure.failsOnTheDay(outcome)).isFalse();
        assertThat(outcome.apiCalls()).isEqualTo(1);
        assertThat(sleeper.waits).isEmpty();
        // The simulator may or may not have read the request before the socket closed; never a second one.
        assertThat((Integer) simulator.faults().snapshot().get("callsSinceQuotaSet")).isLessThanOrEqualTo(1);
        assertThat(client.http().dispatcher().executorService().isShutdown()).isTrue();
        assertThat(client.http().connectionPool().connectionCount()).isZero();
    }

    @Test
    void makesNoRequestOnceClosed() {
        ShopperTrakClient client = new ShopperTrakClient(settings, sleeper);
        client.close();
        client.close();

        DayResult outcome = client.site(DAY, "aa lib");

        assertThat(outcome).isInstanceOf(DayResult.Failed.class);
        assertThat(((DayResult.Failed) outcome).reason()).contains("stopped");
        assertThat(DayFailure.byOwnStop(outcome)).isTrue();
        assertThat(outcome.apiCalls()).isZero();
        assertThat(simulator.faults().snapshot()).containsEntry("callsSinceQuotaSet", 0);
    }

    @Test
    void aFailureThatIsNotOurStopIsNotMarkedAsOne() {
        simulator.faults().error("E999");
        ShopperTrakClient client = new ShopperTrakClient(settings, sleeper);

        assertThat(DayFailure.byOwnStop(client.allSites(DAY))).isFalse();
    }

    @Test
    void leavesTheCallersOwnHttpClientRunning() {
        OkHttpClient shared = new OkHttpClient();
        ShopperTrakClient client = new ShopperTrakClient(settings, sleeper, shared);

        client.close();

        assertThat(shared.dispatcher().executorService().isShutdown()).isFalse();
    }
}
