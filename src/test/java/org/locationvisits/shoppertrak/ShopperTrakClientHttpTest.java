package org.locationvisits.shoppertrak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/** HTTP-level cases the simulator cannot produce: 403, 404, a connection dropped mid-body, odd bodies. */
class ShopperTrakClientHttpTest {
    private static final LocalDate DAY = LocalDate.of(2024, 3, 25);
    private static final String GOOD = "<sites><site siteID=\"aa lib\"><date dateValue=\"20240325\">"
            + "<entrance name=\"EP 01\"><traffic code=\"01\" exits=\"1\" enters=\"2\" startTime=\"090000\"/>"
            + "</entrance></date></site></sites>";

    private final MockWebServer server = new MockWebServer();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private ShopperTrakClient client;

    @BeforeEach
    void start() throws Exception {
        server.start();
        ShopperTrakSettings settings = ShopperTrakSettings.defaults(
                server.url("/Traffic/Customer/v1.0/service/").toString(), "user", "Hunter2!")
                .withHttpRetries(2, Duration.ofSeconds(1));
        client = new ShopperTrakClient(settings, sleeper);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void reportsForbiddenAsBadCredentials() {
        server.enqueue(new MockResponse.Builder().code(403).build());

        assertThat(client.allSites(DAY)).isEqualTo(new DayResult.BadCredentials(DAY, 403, 1));
    }

    @Test
    void failsAtOnceOnNotFoundNamingTheBaseUrl() {
        server.enqueue(new MockResponse.Builder().code(404).body("no such path").build());

        DayResult result = client.allSites(DAY);

        assertThat(result).isInstanceOf(DayResult.Failed.class);
        assertThat(((DayResult.Failed) result).reason()).contains("HTTP 404").contains("base URL");
        assertThat(((DayResult.Failed) result).cause()).as("this request refused, not an answer about the day")
                .isEqualTo(DayResult.Failed.Cause.REFUSED);
        assertThat(result.apiCalls()).isEqualTo(1);
    }

    @Test
    void retriesTooManyRequests() {
        server.enqueue(new MockResponse.Builder().code(429).build());
        server.enqueue(new MockResponse.Builder().code(200).body(GOOD).build());

        DayResult result = client.allSites(DAY);

        assertThat(result).isInstanceOf(DayResult.Rows.class);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void retriesAConnectionDroppedMidBody() {
        server.enqueue(new MockResponse.Builder().code(200).body(GOOD)
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
        server.enqueue(new MockResponse.Builder().code(200).body(GOOD).build());

        DayResult result = client.allSites(DAY);

        assertThat(result).isInstanceOf(DayResult.Rows.class);
        assertThat(((DayResult.Rows) result).rows()).hasSize(1);
        assertThat(result.apiCalls()).isEqualTo(2);
    }

    @Test
    void sendsBasicAuthAndTheV1Query() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(GOOD).build());

        client.site(DAY, "aa lib");

        RecordedRequest request = server.takeRequest();
        assertThat(request.getTarget())
                .isEqualTo("/Traffic/Customer/v1.0/service/site/aa%20lib?date=20240325&increment=15&total_property=N");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo(okhttp3.Credentials.basic("user", "Hunter2!"));
    }

    @Test
    void appendsServiceToTodaysBaseUrlForBothEndpoints() throws Exception {
        ShopperTrakClient v2 = new ShopperTrakClient(ShopperTrakSettings.defaults(
                server.url("/Traffic/Customer/v2.0/").toString(), "user", "pw").withVersion(ApiVersion.V2), sleeper);
        server.enqueue(new MockResponse.Builder().code(200).body(GOOD).build());
        server.enqueue(new MockResponse.Builder().code(200).body(GOOD).build());

        v2.allSites(DAY);
        v2.site(DAY, "macomb's bridge & co.");

        assertThat(server.takeRequest().getTarget()).isEqualTo("/Traffic/Customer/v2.0/service/allsites"
                + "?date=20240325&increment=15&total_property_only=false&detail=entrance");
        assertThat(server.takeRequest().getTarget()).startsWith(
                "/Traffic/Customer/v2.0/service/site/macomb%27s%20bridge%20%26%20co.?date=20240325");
    }

    @Test
    void encodesSiteIdsAsPythonsQuoteAndAsksForNoCache() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(GOOD).build());
        server.enqueue(new MockResponse.Builder().code(200).body(GOOD).build());

        client.site(DAY, "a+b;c,d=e(f)g's & h/i~j_k.l-m");
        client.allSites(DAY);

        RecordedRequest site = server.takeRequest();
        // What urllib.parse.quote("a+b;c,d=e(f)g's & h/i~j_k.l-m") gives.
        assertThat(site.getTarget()).startsWith("/Traffic/Customer/v1.0/service/site/"
                + "a%2Bb%3Bc%2Cd%3De%28f%29g%27s%20%26%20h/i~j_k.l-m?date=20240325");
        for (RecordedRequest request : java.util.List.of(site, server.takeRequest())) {
            assertThat(request.getHeaders().get("Cache-Control")).isEqualTo("no-cache");
            assertThat(request.getHeaders().get("Pragma")).isEqualTo("no-cache");
        }
    }

    @Test
    void encodesNonAsciiAsUtf8Bytes() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(GOOD).build());

        client.site(DAY, "caf\u00e9 %");

        assertThat(server.takeRequest().getTarget()).startsWith("/Traffic/Customer/v1.0/service/site/caf%C3%A9%20%25?");
    }

    @Test
    void keepsTheBodyByteForByteWithWhatFollowsTheDocument() throws Exception {
        // Odd but legal: a BOM-less body with CRLFs, a comment and trailing blank lines after the root.
        String body = "<?xml version=\"1.0\" ?>\r\n" + GOOD + "\r\n<!-- served by st -->\r\n" + " ".repeat(20_000);
        server.enqueue(new MockResponse.Builder().code(200).body(body).build());
        client = new ShopperTrakClient(ShopperTrakSettings.defaults(server.url("/x/v1.0/service/").toString(),
                "user", "pw").withHttpRetries(1, Duration.ZERO).withRawAnswers(true), sleeper);

        DayResult.Rows rows = rows(client.allSites(DAY));

        assertThat(RawAnswers.gunzip(rows.raw())).isEqualTo(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void keepsOnlyTheAnswerThatGaveTheRowsWhenABodyWasCutOff() throws Exception {
        String cut = GOOD.replace("aa lib", "cut lib");
        server.enqueue(new MockResponse.Builder().code(200).body(cut)
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
        server.enqueue(new MockResponse.Builder().code(200).body(GOOD).build());
        client = new ShopperTrakClient(ShopperTrakSettings.defaults(server.url("/x/v1.0/service/").toString(),
                "user", "pw").withHttpRetries(2, Duration.ZERO).withRawAnswers(true), sleeper);

        DayResult.Rows rows = rows(client.allSites(DAY));

        assertThat(rows.apiCalls()).isEqualTo(2);
        assertThat(new String(RawAnswers.gunzip(rows.raw()), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(GOOD);
    }

    private static DayResult.Rows rows(DayResult result) {
        assertThat(result).isInstanceOf(DayResult.Rows.class);
        return (DayResult.Rows) result;
    }
}
