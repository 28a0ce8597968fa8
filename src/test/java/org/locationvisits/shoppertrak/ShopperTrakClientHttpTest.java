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

/** HTTP-level cases the simulator cannot produce: 403, 404, a connection dropped mid-body. */
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
}
