package org.locationvisits.shoppertrak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationvisits.shoppertrak.simulator.ShopperTrakSimulator;

import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** Answers kept for the data lake: the served bytes exactly, per endpoint, and only when asked for. */
class ShopperTrakClientRawAnswersTest {
    private static final LocalDate DAY = LocalDate.of(2024, 3, 25);
    private static final Instant FETCHED = Instant.parse("2024-03-26T06:15:00.123Z");

    private ShopperTrakSimulator simulator;
    private ShopperTrakSettings settings;
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @BeforeEach
    void start() throws IOException {
        simulator = ShopperTrakSimulator.builder().sites(30).seed(5).start();
        settings = ShopperTrakSettings.defaults(simulator.baseUrl(), "simulator", "simulator")
                .withBusyRetries(3, Duration.ofMinutes(5)).withRawAnswers(true);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private ShopperTrakClient client() {
        return new ShopperTrakClient(settings, sleeper, new OkHttpClient(), Clock.fixed(FETCHED, ZoneOffset.UTC));
    }

    /** The same request made by hand; the simulator answers a day the same way every time. */
    private byte[] served(String path) throws IOException {
        HttpUrl.Builder url = HttpUrl.get(simulator.baseUrl()).newBuilder().addPathSegments(path);
        settings.version().queryParameters(DAY).forEach(url::addQueryParameter);
        try (Response r = new OkHttpClient().newCall(new Request.Builder().url(url.build())
                .header("Authorization", Credentials.basic("simulator", "simulator")).build()).execute()) {
            return r.body().bytes();
        }
    }

    @Test
    void keepsTheAllSitesAnswerByteForByteGzipped() throws IOException {
        DayResult.Rows rows = rows(client().allSites(DAY));

        assertThat(rows.raw().endpoint()).isEqualTo("allsites");
        assertThat(rows.raw().siteId()).isNull();
        assertThat(rows.raw().fetchedAt()).isEqualTo(FETCHED);
        assertThat(RawAnswers.gunzip(rows.raw())).isEqualTo(served("allsites"));
        assertThat(rows.raw().gzipped().length).isLessThan(served("allsites").length / 3);
        assertThat(rows.rows()).isEqualTo(simulator.traffic().expectedRows(DAY, null));
    }

    @Test
    void keepsTheSiteAnswerWithItsSiteId() throws IOException {
        DayResult.Rows rows = rows(client().site(DAY, "arts & letters"));

        assertThat(rows.raw().endpoint()).isEqualTo("site");
        assertThat(rows.raw().siteId()).isEqualTo("arts & letters");
        assertThat(RawAnswers.gunzip(rows.raw())).isEqualTo(served("site/arts & letters"));
    }

    @Test
    void keepsOnlyTheAnswerWithRowsNotTheBusyOnesBefore() throws IOException {
        simulator.faults().busy(2);

        DayResult.Rows rows = rows(client().allSites(DAY));

        assertThat(rows.apiCalls()).isEqualTo(3);
        assertThat(RawAnswers.gunzip(rows.raw())).isEqualTo(served("allsites"));
    }

    @Test
    void keepsNothingWhenNotAsked() {
        settings = settings.withRawAnswers(false);

        DayResult.Rows rows = rows(client().allSites(DAY));

        assertThat(rows.raw()).isNull();
        assertThat(rows.rows()).isEqualTo(simulator.traffic().expectedRows(DAY, null));
    }

    private static DayResult.Rows rows(DayResult result) {
        assertThat(result).isInstanceOf(DayResult.Rows.class);
        return (DayResult.Rows) result;
    }
}
