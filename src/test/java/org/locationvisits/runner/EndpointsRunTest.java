package org.locationvisits.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationvisits.config.RunnerSettings;
import org.locationvisits.endpoints.DeliveredCounts;
import org.locationvisits.endpoints.EndpointServer;
import org.locationvisits.kinesis.KinesisEntry;
import org.locationvisits.metrics.RunSummary;
import org.locationvisits.offsets.MemoryOffsetStore;
import org.locationvisits.shoppertrak.ShopperTrakClient;
import org.locationvisits.shoppertrak.simulator.ShopperTrakSimulator;
import org.locationvisits.source.ShopperTrakSourceTask;
import org.locationvisits.source.SimpleServices;
import org.locationvisits.source.SourceConfig;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A continuous main job against the ShopperTrak simulator with HTTP_PORT set: the endpoints answer while it runs
 * (not ready while ShopperTrak is down, ready once caught up) and the port is closed once the run has returned.
 */
class EndpointsRunTest {
    private static final String PASSWORD = "sim-Pa55-w0rd!";
    private static final LocalDate START = LocalDate.parse("2024-03-24");

    private static ShopperTrakSimulator simulator;

    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void startSimulator() throws IOException {
        simulator = ShopperTrakSimulator.builder().sites(3).username("lib-user").password(PASSWORD).start();
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @Test
    void endpointsFollowAContinuousRunAndCloseWithIt() throws Exception {
        // 2024-03-28 10:00 in New York: yesterday is 2024-03-27, three days after the stored offset.
        MovableClock clock = new MovableClock(ZonedDateTime.of(2024, 3, 28, 10, 0, 0, 0, SourceConfig.ZONE)
                .toInstant());
        int port = freePort();
        RunnerSettings settings = RunnerSettings.from(Map.of("SHOPPERTRAK_USERNAME", "lib-user",
                "SHOPPERTRAK_PASSWORD", PASSWORD, "IGNORE_CACHE", "true", "IGNORE_KINESIS", "true",
                "LAST_POLL_DATE", START.toString(), "RUN_MODE", "continuous", "HTTP_PORT", String.valueOf(port),
                "HTTP_BIND", "127.0.0.1"));
        Map<String, String> props = new HashMap<>(settings.connectorProps());
        props.put(SourceConfig.BASE_URL_CONFIG, simulator.baseUrl());
        props.put(SourceConfig.MAX_RETRIES_CONFIG, "1");
        props.put(SourceConfig.RETRY_DELAY_CONFIG, "0");
        props.put(SourceConfig.FAILED_DAY_RETRY_CONFIG, "60");
        List<KinesisEntry> sent = new CopyOnWriteArrayList<>();
        DeliveredCounts delivered = new DeliveredCounts();
        EmbeddedRunner runner = RunnerFixtures.runner(progress -> new ShopperTrakSourceTask((config, sleeper) ->
                        SimpleServices.of(new ShopperTrakClient(config.shopperTrak(), sleeper)), clock, progress),
                props, new MemoryOffsetStore(START), sent::addAll, false, true)
                .clock(clock).alsoReport(delivered).build();
        simulator.faults().down(true);

        assertThat(Wiring.endpoints(settings, runner, clock, delivered)).map(EndpointServer::port).contains(port);
        CompletableFuture<RunSummary> running = CompletableFuture.supplyAsync(runner::run);

        String failed = await("/health/ready", body -> body.contains("the last poll failed"));
        assertThat(failed).startsWith("503 not ready: the last poll failed at 2024-03-25: ");
        assertThat(get("/health/live")).isEqualTo("200 live\n");
        assertThat(get("/metrics")).contains("\nlocation_visits_days_behind 3.0\n")
                .contains("\nlocation_visits_days_delivered_total 0.0\n");

        simulator.faults().reset();
        clock.advance(Duration.ofSeconds(61)); // past failed.day.retry.seconds: the task asks again

        // Ready from one day behind (2024-03-26 emitted), caught up once 2024-03-27 is.
        assertThat(await("/health/ready", body -> body.contains("2024-03-27, 0 day(s)"))).isEqualTo(
                "200 ready: last day emitted 2024-03-27, 0 day(s) behind yesterday (New York) 2024-03-27\n");
        assertThat(get("/metrics")).contains("\nlocation_visits_days_behind 0.0\n")
                .contains("\nlocation_visits_days_emitted_total 3.0\n");
        await("/metrics", body -> body.contains("\nlocation_visits_days_delivered_total 3.0\n"));
        assertThat(get("/health/live")).isEqualTo("200 live\n");
        assertThat(sent).isNotEmpty();

        runner.requestStop();
        assertThat(running.get(30, TimeUnit.SECONDS).exitCode()).isEqualTo(RunSummary.EXIT_CAUGHT_UP);

        assertThatThrownBy(() -> get("/health/live")).as("the port is closed once the run has returned")
                .isInstanceOf(ConnectException.class);
        assertThat(runner.notAlive()).contains("the run has ended");
        assertThat(Thread.getAllStackTraces().keySet()).as("no thread of the endpoints is left")
                .noneMatch(t -> t.getName().equals(EndpointServer.THREAD_NAME));
    }

    /** The first answer {@code wanted} accepts, asked every 50 ms for up to 30 s. */
    private String await(String path, Predicate<String> wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String last = null;
        while (System.nanoTime() < deadline) {
            last = get(path);
            if (wanted.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no wanted answer from " + path + " within 30 s; the last: " + last);
    }

    private String get(String path) throws IOException {
        Request request = new Request.Builder().url("http://127.0.0.1:" + port + path).build();
        try (Response response = http.newCall(request).execute()) {
            return response.code() + " " + response.body().string();
        }
    }

    private int port;

    private int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
            return port;
        }
    }

    /** A clock the test moves forward; the job's only source of time. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            MovableClock self = this;
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return zone;
                }

                @Override
                public Clock withZone(ZoneId other) {
                    return self.withZone(other);
                }

                @Override
                public Instant instant() {
                    return self.now;
                }
            };
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
