package org.locationvisits.runner;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.locationvisits.avro.SchemaFetcher;
import org.locationvisits.config.RunnerSettings;

import okhttp3.OkHttpClient;

/** A schema URL that refuses connections: the start-up line names the URL, the fetch and what to check. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WiringSchemaUrlTest {
    @Test
    void aRefusingSchemaUrlIsNamedWithTheFetchAndWhatToCheck() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: connections are refused
        }
        String url = "http://127.0.0.1:" + port + "/api/v0.1/current-schemas/LocationVisits";
        Map<String, String> env = new HashMap<>();
        env.put("SHOPPERTRAK_API_BASE_URL", "http://127.0.0.1:9/Traffic/Customer/v1.0/service/");
        env.put("SHOPPERTRAK_USERNAME", "user");
        env.put("SHOPPERTRAK_PASSWORD", "pw");
        env.put("S3_BUCKET", "bucket");
        env.put("S3_RESOURCE", "state.json");
        env.put("KINESIS_STREAM_ARN", "LocationVisits");
        env.put("LOCATION_VISITS_SCHEMA_URL", url);
        RunnerSettings settings = RunnerSettings.from(env);
        SchemaFetcher noWaiting = new SchemaFetcher(new OkHttpClient(), duration -> { }, 2, Duration.ofSeconds(1));

        assertThatThrownBy(() -> Wiring.encoder(settings, noWaiting))
                .hasMessageStartingWith("LocationVisits schema URL " + url + ": fetch failed: ")
                .hasMessageContaining("Check that LOCATION_VISITS_SCHEMA_URL is reachable")
                .hasMessageNotContaining("\n");
    }
}
