package org.locationvisits.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationvisits.recovery.RecoveryStats;
import org.locationvisits.shoppertrak.DayFailure;
import org.locationvisits.source.DayStats;
import org.locationvisits.source.PollProgress;
import org.locationvisits.source.ProgressDriver;
import org.locationvisits.source.SourceConfig;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** The real server on an ephemeral port of 127.0.0.1, asked with a real HTTP client, on a progress the test drives. */
class EndpointServerTest {
    /** 2024-03-28 00:30 in New York (04:30 UTC): yesterday is 2024-03-27, though UTC's yesterday is too. */
    private static final Clock CLOCK = Clock.fixed(
            ZonedDateTime.of(2024, 3, 28, 0, 30, 0, 0, SourceConfig.ZONE).toInstant(), ZoneOffset.UTC);
    private static final LocalDate YESTERDAY = LocalDate.parse("2024-03-27");

    private final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();
    private final PollProgress progress = new PollProgress();
    private final ProgressDriver drive = new ProgressDriver(progress);
    private final AtomicReference<Optional<String>> notAlive = new AtomicReference<>(Optional.empty());
    private final DeliveredCounts delivered = new DeliveredCounts();
    private EndpointServer server;
    /** Threads that were there before the server (e.g. another class's stand-in): not the server's to end. */
    private java.util.Set<Thread> before;

    @BeforeEach
    void start() throws IOException {
        before = Thread.getAllStackTraces().keySet();
        Readiness readiness = new Readiness(progress, CLOCK);
        server = EndpointServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), notAlive::get,
                readiness, JobMetrics.registry(progress, readiness, delivered));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void readyIs503WithTheReasonUntilTheLastPollSucceededAtMostOneDayBehind() throws IOException {
        assertThat(get("/health/ready")).isEqualTo(
                "503 not ready: not started: the task has not read its stored offset yet\n");

        drive.totals(YESTERDAY.plusDays(1), YESTERDAY.minusDays(3), 0, RecoveryStats.NONE);
        assertThat(get("/health/ready")).isEqualTo("503 not ready: 3 days behind: the last day emitted is "
                + "2024-03-24, yesterday (New York) is 2024-03-27; ready at most 1 day behind\n");

        drive.fetched(new DayStats(YESTERDAY.minusDays(2), 96, 90, 1, Duration.ofMillis(1500)))
                .totals(YESTERDAY.plusDays(1), YESTERDAY.minusDays(2), 1, RecoveryStats.NONE)
                .failed(new DayFailure(YESTERDAY.minusDays(1), "ShopperTrak is down (E000)", false, false));
        assertThat(get("/health/ready")).isEqualTo("503 not ready: the last poll failed at 2024-03-26: "
                + "ShopperTrak is down (E000); see the log for when it is tried again\n");

        drive.working();
        assertThat(get("/health/ready")).as("a retry under way has not succeeded yet").startsWith("503 not ready: "
                + "the last poll failed at 2024-03-26");

        drive.fetched(new DayStats(YESTERDAY.minusDays(1), 96, 96, 1, Duration.ofMillis(800)))
                .totals(YESTERDAY.plusDays(1), YESTERDAY.minusDays(1), 2, RecoveryStats.NONE).caughtUp();
        assertThat(get("/health/ready")).isEqualTo("200 ready: last day emitted 2024-03-26, 1 day(s) behind "
                + "yesterday (New York) 2024-03-27\n");

        drive.failed(new DayFailure(YESTERDAY, "busy to the end (E108)", false, false));
        assertThat(get("/health/ready")).startsWith("503 not ready: the last poll failed at 2024-03-27");
    }

    @Test
    void aJobThatReachedItsEndDateIsNeverBehindIt() {
        Readiness ended = new Readiness(progress, CLOCK, Optional.of(YESTERDAY.minusDays(10)));
        drive.totals(YESTERDAY.plusDays(1), YESTERDAY.minusDays(10), 0, RecoveryStats.NONE).caughtUp();

        assertThat(ended.problem()).isEmpty();
        assertThat(ended.daysBehind()).isZero();
        assertThat(ended.ready()).isEqualTo("ready: last day emitted 2024-03-17, 0 day(s) behind LAST_END_DATE "
                + "2024-03-17");

        drive.totals(YESTERDAY.plusDays(1), YESTERDAY.minusDays(13), 0, RecoveryStats.NONE);
        assertThat(ended.problem()).get().asString().startsWith("3 days behind: the last day emitted is 2024-03-14, "
                + "LAST_END_DATE is 2024-03-17");
    }

    @Test
    void liveIs200WhileTheLoopIsAliveElse503WithTheReason() throws IOException {
        assertThat(get("/health/live")).isEqualTo("200 live\n");

        notAlive.set(Optional.of("the ShopperTrak poll thread has ended; the run is stopping"));

        assertThat(get("/health/live")).isEqualTo(
                "503 not live: the ShopperTrak poll thread has ended; the run is stopping\n");
    }

    @Test
    void metricsAreTheJobsMetricsInThePrometheusTextFormat() throws IOException {
        drive.totals(YESTERDAY.plusDays(1), YESTERDAY.minusDays(3), 0, RecoveryStats.NONE);
        drive.fetched(new DayStats(YESTERDAY.minusDays(2), 96, 72, 2, Duration.ofMillis(1500)))
                .fetched(new DayStats(YESTERDAY.minusDays(1), 100, 100, 1, Duration.ofMillis(250)))
                .totals(YESTERDAY.plusDays(1), YESTERDAY.minusDays(1), 3, new RecoveryStats(2, 40, 0, 5, 7));
        delivered.dayDelivered(new DayStats(YESTERDAY.minusDays(2), 96, 72, 2, Duration.ofMillis(1500)));

        Request request = new Request.Builder().url(url("/metrics")).build();
        String body;
        try (Response response = http.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.header("Content-Type")).startsWith("text/plain; version=0.0.4");
            body = response.body().string();
        }
        Map<String, PrometheusText.Family> families = PrometheusText.parse(body);

        assertThat(families.values()).allSatisfy(f -> assertThat(f.help()).as(f.name() + " HELP").isNotBlank());
        Map<String, Double> values = new java.util.TreeMap<>();
        families.values().forEach(f -> f.samples().forEach((name, value) -> {
            values.put(name + " " + f.type(), value);
        }));
        assertThat(values).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("location_visits_days_behind gauge", 1.0),
                Map.entry("location_visits_last_emitted_day_timestamp_seconds gauge",
                        (double) YESTERDAY.minusDays(1).toEpochDay() * 86_400),
                Map.entry("location_visits_last_day_healthy_ratio gauge", 1.0),
                Map.entry("location_visits_last_fetch_seconds gauge", 0.25),
                Map.entry("location_visits_recovery_pending_site_days gauge", 7.0),
                Map.entry("location_visits_days_emitted_total counter", 2.0),
                Map.entry("location_visits_rows_emitted_total counter", 196.0),
                Map.entry("location_visits_days_delivered_total counter", 1.0),
                Map.entry("location_visits_rows_delivered_total counter", 96.0),
                Map.entry("location_visits_shoppertrak_calls_total counter", 8.0),
                Map.entry("location_visits_recovery_recovered_rows_total counter", 40.0)));
    }

    @Test
    void beforeTheFirstDayTheLastDayGaugesAreNaN() throws IOException {
        Map<String, PrometheusText.Family> families = PrometheusText.parse(get("/metrics").substring(4));

        assertThat(families.get("location_visits_last_fetch_seconds").samples())
                .containsEntry("location_visits_last_fetch_seconds", Double.NaN);
        assertThat(families.get("location_visits_days_behind").samples())
                .containsEntry("location_visits_days_behind", 0.0);
    }

    @Test
    void anotherPathIs404AndAnotherMethod405() throws IOException {
        assertThat(get("/health")).startsWith("404 not found: the endpoints are GET /health/live");
        Request post = new Request.Builder().url(url("/health/ready"))
                .post(okhttp3.RequestBody.create(new byte[0])).build();
        try (Response response = http.newCall(post).execute()) {
            assertThat(response.code()).isEqualTo(405);
            assertThat(response.header("Allow")).isEqualTo("GET, HEAD");
        }
    }

    @Test
    void closeStopsListeningAndLeavesNoThreadBehind() throws Exception {
        assertThat(get("/health/live")).startsWith("200");

        server.close();

        assertThatThrownBy(() -> get("/health/live")).isInstanceOf(ConnectException.class);
        java.util.Set<Thread> left = new java.util.HashSet<>(Thread.getAllStackTraces().keySet());
        left.removeAll(before);
        assertThat(left).noneSatisfy(t -> assertThat(t.getName())
                .isIn(EndpointServer.THREAD_NAME, "HTTP-Dispatcher"));
    }

    @Test
    void aPortThatCannotBeBoundIsAStartUpErrorThatNamesThePortAndWhatToDo() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Readiness readiness = new Readiness(progress, CLOCK);

            assertThatThrownBy(() -> EndpointServer.forMainJob(port, "127.0.0.1", Optional::empty, readiness,
                    JobMetrics.registry(progress, readiness, delivered)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("HTTP_PORT " + port + ": cannot listen on 127.0.0.1:" + port + " (")
                    .hasMessageContaining("set HTTP_PORT to a free port").hasMessageContaining("HTTP_PORT=0");
        }
    }

    @Test
    void portZeroServesNothing() {
        Readiness readiness = new Readiness(progress, CLOCK);

        assertThat(EndpointServer.forMainJob(0, "127.0.0.1", Optional::empty, readiness,
                JobMetrics.registry(progress, readiness, delivered))).isEmpty();
    }

    /** "status body" of a GET. */
    private String get(String path) throws IOException {
        try (Response response = http.newCall(new Request.Builder().url(url(path)).build()).execute()) {
            return response.code() + " " + response.body().string();
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }
}
