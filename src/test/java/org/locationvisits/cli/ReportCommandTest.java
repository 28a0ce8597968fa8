package org.locationvisits.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationvisits.common.AwsClients;
import org.locationvisits.config.ConfigLoader;
import org.locationvisits.config.Purpose;
import org.locationvisits.devstack.S3rver;
import org.locationvisits.report.SimulatedArchive;
import org.locationvisits.runner.Wiring;

import software.amazon.awssdk.core.sync.RequestBody;

/** The command as an operator runs it: configuration like the main job, the archive on s3rver, no ShopperTrak call. */
class ReportCommandTest {
    private static final LocalDate DAY1 = LocalDate.of(2026, 3, 8);
    private static final LocalDate DAY2 = LocalDate.of(2026, 3, 9);
    private static SimulatedArchive lake;

    @TempDir
    Path temp;

    @BeforeAll
    static void archive() throws IOException {
        lake = SimulatedArchive.start(4, List.of());
        lake.allSites(DAY1, Instant.parse("2026-03-09T06:15:00Z"));
        lake.allSites(DAY2, Instant.parse("2026-03-10T06:15:00Z"));
        lake.s3.putObject(b -> b.bucket(SimulatedArchive.BUCKET).key("calendar.yaml"), RequestBody.fromString(
                "closures:\n  - {location_id: br, closure_date: \"2026-03-09\"}\n"));
        lake.s3.putObject(b -> b.bucket(SimulatedArchive.BUCKET).key("sites.json"),
                RequestBody.fromString("[\"aa lib\", \"gone lib\"]"));
    }

    @AfterAll
    static void stop() {
        if (lake != null) {
            lake.close();
        }
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("SHOPPERTRAK_API_BASE_URL", lake.simulator.baseUrl());
        env.put("DATA_LAKE_S3_BUCKET", SimulatedArchive.BUCKET);
        env.put("DATA_LAKE_S3_PATH", SimulatedArchive.PREFIX);
        env.put("LOCATION_CALENDAR", "s3://" + SimulatedArchive.BUCKET + "/calendar.yaml");
        env.put("ALL_SITES_S3_BUCKET", SimulatedArchive.BUCKET);
        env.put("ALL_SITES_S3_RESOURCE", "sites.json");
        return env;
    }

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** The command as the jar runs it; each run gets its own S3 client, which the command closes. */
    private int run(Map<String, String> env, ByteArrayOutputStream out, String... args) {
        String[] line = new String[args.length + 1];
        line[0] = "report";
        System.arraycopy(args, 0, line, 1, args.length);
        return Main.run(new Context(env, region -> Wiring.Aws.of(AwsClients.s3(region, lake.s3rver.endpoint(),
                S3rver.ACCESS_KEY_ID, S3rver.SECRET_ACCESS_KEY), null), Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)),
                line);
    }

    @Test
    void printsSitesAndDailyTotalsAndWritesThePageWithoutCallingShopperTrak() throws IOException {
        int callsBefore = lake.simulator.requestLog().count();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path html = temp.resolve("report.html");

        int status = run(env(), out, "--from", DAY1.toString(), "--to", DAY2.toString(), "--html", html.toString());

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(status).isZero();
        assertThat(text).contains("4 site(s), 2 day(s), 2 answer(s) read", "site (worst first)");
        assertThat(text).containsPattern("(?m)^2026-03-08 +\\d+\\.\\d\\d% healthy of [\\d,]+ open increments ")
                .containsPattern("(?m)^2026-03-09 .*closed 1 site-day\\(s\\)")
                .containsPattern("(?m)^total ");
        assertThat(text).contains("gone lib").doesNotContain("aa lib   in the all-sites list");
        assertThat(Files.readString(html)).contains("<rect class=\"cell closed\"");
        assertThat(lake.simulator.requestLog().count()).isEqualTo(callsBefore);
    }

    @Test
    void needsNoShopperTrakSecretsButTheDataLakeBucket() {
        Map<String, String> env = env();
        env.remove("DATA_LAKE_S3_BUCKET");

        assertThat(run(env, new ByteArrayOutputStream(), "--from", "2026-03-08", "--to", "2026-03-09")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: report reads the data-lake archive")
                .contains("DATA_LAKE_S3_BUCKET");
    }

    @Test
    void refusesARangeThatEndsBeforeItStarts() {
        assertThat(run(env(), new ByteArrayOutputStream(), "--from", "2026-03-09", "--to", "2026-03-08")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--to 2026-03-08 must not be before --from 2026-03-09")
                .contains("usage: java -jar location-visits-poller.jar report");
    }

    @Test
    void aBadDateNamesItsOption() {
        assertThat(run(env(), new ByteArrayOutputStream(), "--from", "2026-03-08", "--to", "2026-02-30")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("Invalid value for option '--to': '2026-02-30' is not a date YYYY-MM-DD");
    }
}
