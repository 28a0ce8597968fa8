package org.locationvisits.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaFetcherTest {
    private final MockWebServer server = new MockWebServer();
    private final List<Duration> waits = new ArrayList<>();
    // No transparent retries: every failure the server stages must reach the fetcher.
    private final OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    private final SchemaFetcher fetcher = new SchemaFetcher(http, waits::add, 3, Duration.ofMillis(100));

    @BeforeEach
    void start() throws Exception {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static MockResponse schemaAnswer() throws Exception {
        return new MockResponse(200, okhttp3.Headers.of("Content-Type", "application/json"),
                LocationVisitsSchemasTest.envelope(LocationVisitsSchemas.bundled().toString()));
    }

    private static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).body("{\"message\": \"status " + code + "\"}").build();
    }

    @Test
    void aClientWithoutADeadlineGetsFiveMinutesAndOneWithItsOwnKeepsIt() {
        assertThat(new SchemaFetcher(new OkHttpClient()).http().callTimeoutMillis()).isEqualTo(300_000);
        assertThat(new SchemaFetcher(new OkHttpClient(), Duration.ofSeconds(9)).http().callTimeoutMillis())
                .isEqualTo(9_000);
    }

    /** Without a call deadline the throttled body (a byte every 100 ms) takes minutes; read timeouts never fire. */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aDrippingSchemaServerEndsAtTheDeadline() throws Exception {
        MockResponse dripping = schemaAnswer().newBuilder()
                .throttleBody(1, 100, java.util.concurrent.TimeUnit.MILLISECONDS).build();
        server.enqueue(dripping);
        SchemaFetcher oneTry = new SchemaFetcher(http.newBuilder().callTimeout(Duration.ofMillis(300)).build(),
                waits::add, 1, Duration.ZERO);

        assertThatThrownBy(() -> oneTry.fetch(server.url("/schema").toString()))
                .isInstanceOf(SchemaException.class).hasMessageContaining("timeout");
    }

    @Test
    void fetchesTheSchemaWithOneGet() throws Exception {
        server.enqueue(schemaAnswer());

        Schema schema = fetcher.fetch(server.url("/api/v0.1/current-schemas/LocationVisits").toString());

        assertThat(schema).isEqualTo(LocationVisitsSchemas.bundled());
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getTarget()).isEqualTo("/api/v0.1/current-schemas/LocationVisits");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
        assertThat(waits).isEmpty();
    }

    @Test
    void retriesServerErrorsWithDoublingBackoffThenSucceeds() throws Exception {
        server.enqueue(status(503));
        server.enqueue(status(500));
        server.enqueue(schemaAnswer());

        Schema schema = fetcher.fetch(server.url("/schema").toString());

        assertThat(schema).isEqualTo(LocationVisitsSchemas.bundled());
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void retriesNetworkFailures() throws Exception {
        server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
        server.enqueue(schemaAnswer());

        assertThat(fetcher.fetch(server.url("/schema").toString())).isEqualTo(LocationVisitsSchemas.bundled());
        assertThat(waits).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void givesUpAfterTheConfiguredAttempts() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(status(502));
        }

        assertThatThrownBy(() -> fetcher.fetch(server.url("/schema").toString()))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("after 3 attempts")
                .hasMessageContaining("HTTP 502")
                .hasMessageContaining("LOCATION_VISITS_SCHEMA_URL");
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(waits).hasSize(2);
    }

    @Test
    void failsAtOnceOnNotFound() {
        server.enqueue(status(404));

        assertThatThrownBy(() -> fetcher.fetch(server.url("/schema").toString()))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("status 404")
                .hasMessageContaining("LOCATION_VISITS_SCHEMA_URL");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void keepsQueryTokensOutOfErrorMessages() {
        server.enqueue(status(403));

        assertThatThrownBy(() -> fetcher.fetch(server.url("/schema?token=s3cret").toString()))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("/schema")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void failsAtOnceOnAMalformedAnswer() {
        server.enqueue(new MockResponse.Builder().body("<html>maintenance</html>").build());

        assertThatThrownBy(() -> fetcher.fetch(server.url("/schema").toString()))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("not JSON");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void refusesAnInvalidUrl() {
        assertThatThrownBy(() -> fetcher.fetch("platform/schema"))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("not a valid http(s) URL");
    }

    @Test
    void resolvesToTheBundledSchemaWhenNoUrlIsSet() {
        for (String none : new String[] {null, "", "   "}) {
            assertThat(SchemaFetcher.resolve(none, fetcher)).isSameAs(LocationVisitsSchemas.bundled());
        }
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void resolvesAUrlByFetchingIt() throws Exception {
        server.enqueue(schemaAnswer());

        assertThat(SchemaFetcher.resolve(" " + server.url("/schema") + " ", fetcher))
                .isEqualTo(LocationVisitsSchemas.bundled());
    }
}
