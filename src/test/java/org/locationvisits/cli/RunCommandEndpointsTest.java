package org.locationvisits.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.locationvisits.runner.Wiring;
import org.locationvisits.source.SourceConfig;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The main job's command line with HTTP_PORT on a port already taken. */
class RunCommandEndpointsTest {
    @Test
    void aPortAlreadyTakenStopsTheStartWithExitTwoNamingThePortBeforeAnyPoll() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Map<String, String> env = Map.of("SHOPPERTRAK_USERNAME", "user", "SHOPPERTRAK_PASSWORD", "secret",
                    "SHOPPERTRAK_API_BASE_URL", "http://127.0.0.1:1/service/", "IGNORE_CACHE", "true",
                    "IGNORE_KINESIS", "true", "LAST_POLL_DATE", "2024-03-24", "RUN_MODE", "continuous",
                    "HTTP_PORT", String.valueOf(port), "HTTP_BIND", "127.0.0.1");
            Clock clock = Clock.fixed(ZonedDateTime.of(2024, 3, 28, 10, 0, 0, 0, SourceConfig.ZONE).toInstant(),
                    ZoneOffset.UTC);

            int status = Main.run(new Context(env, region -> new Wiring.Aws() {
                @Override
                public S3Client s3() {
                    throw new AssertionError("a dry run without state needs no S3 client");
                }

                @Override
                public KinesisClient kinesis() {
                    throw new AssertionError("a dry run needs no Kinesis client");
                }
            }, clock, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)));

            assertThat(status).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8).strip()).startsWith("error: HTTP_PORT " + port
                    + ": cannot listen on 127.0.0.1:" + port + " (").contains("HTTP_PORT=0")
                    .doesNotContain("secret").doesNotContain("\tat ");
        }
    }
}
