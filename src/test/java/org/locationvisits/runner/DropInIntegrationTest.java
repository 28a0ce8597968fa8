package org.locationvisits.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationvisits.avro.LocationVisitsSchemas;
import org.locationvisits.avro.RecordGeneration;
import org.locationvisits.common.AwsClients;
import org.locationvisits.common.Sleeper;
import org.locationvisits.config.ConfigLoader;
import org.locationvisits.config.KmsDecryptor;
import org.locationvisits.config.RunnerSettings;
import org.locationvisits.devstack.KinesisLocal;
import org.locationvisits.devstack.S3rver;
import org.locationvisits.kinesis.KinesisEntry;
import org.locationvisits.offsets.S3OffsetStore;
import org.locationvisits.shoppertrak.ApiVersion;
import org.locationvisits.shoppertrak.DayResult;
import org.locationvisits.shoppertrak.ShopperTrakClient;
import org.locationvisits.shoppertrak.ShopperTrakSettings;
import org.locationvisits.shoppertrak.TrafficRow;
import org.locationvisits.shoppertrak.simulator.ShopperTrakSimulator;
import org.locationvisits.testsupport.KmsStub;
import org.locationvisits.testsupport.LogCapture;
import org.locationvisits.warehouse.WarehouseTables;
import org.locationvisits.warehouse.WarehouseTables.Visit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import org.locationvisits.metrics.EmfReporter;
import org.locationvisits.metrics.RunSummary;

/**
 * Today's production configuration file, unchanged but for its endpoints, runs the main job end to end: API v2
 * base URL, the current schema from a schema URL, KMS-encrypted secrets, BAD_POLL_DATES as a YAML list, the
 * warehouse (a real PostgreSQL) for hours, closures and recovery, the all-sites list and the data lake in s3rver,
 * records into kinesis-local. Today is fixed at 2026-11-21 in New York.
 */
class DropInIntegrationTest {
    private static final String PASSWORD = "sim-Pa55-w0rd!";
    private static final Instant NOW = Instant.parse("2026-11-21T17:00:00Z"); // 12:00 in New York
    private static final LocalDate YESTERDAY = LocalDate.parse("2026-11-20");
    private static final LocalDate BAD_DAY = LocalDate.parse("2026-11-19");
    private static final LocalDate STORED = LocalDate.parse("2026-11-18");
    private static final LocalDate UNHEALTHY_DAY = LocalDate.parse("2026-11-17");
    private static final LocalDate MISSING_DAY = LocalDate.parse("2026-11-16");
    private static final LocalDate CLOSED_DAY = LocalDate.parse("2026-11-15");

    private static ShopperTrakSimulator simulator;
    private static KinesisLocal kinesis;
    private static S3rver s3rver;
    private static S3Client s3;
    private static EmbeddedPostgres pg;
    private static KmsStub kms;
    private static KmsClient kmsClient;
    private static MockWebServer platform;

    @TempDir
    Path dir;

    @BeforeAll
    static void startStandIns() throws Exception {
        simulator = ShopperTrakSimulator.builder().sites(4).username("lib-user").password(PASSWORD)
                .lateCorrections(true).start();
        kinesis = KinesisLocal.start();
        s3rver = S3rver.start();
        s3 = AwsClients.s3("us-east-1", s3rver.endpoint(), S3rver.ACCESS_KEY_ID, S3rver.SECRET_ACCESS_KEY);
        pg = WarehouseTables.startPostgres();
        kms = KmsStub.start();
        kmsClient = AwsClients.kms("us-east-1", kms.endpoint(), "id", "secret");
        platform = new MockWebServer();
        platform.start(java.net.InetAddress.getLoopbackAddress(), 0);
    }

    @AfterAll
    static void stopStandIns() throws Exception {
        platform.close();
        kmsClient.close();
        kms.close();
        pg.close();
        s3.close();
        s3rver.close();
        kinesis.close();
        simulator.close();
    }

    @Test
    void todaysProductionFileRunsTheDailyPollRecoveryAndTheDataLakeCopy() throws Exception {
        List<String> sites = simulator.traffic().siteIds();
        String healthySite = sites.get(0);
        String unhealthySite = sites.get(1);
        String missingSite = sites.get(2);
        String closedSite = sites.get(3);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String stateBucket = "state-" + run;
        String sitesBucket = "sites-" + run;
        String lakeBucket = "lake-" + run;
        for (String bucket : List.of(stateBucket, sitesBucket, lakeBucket)) {
            s3rver.createBucket(bucket);
        }
        s3.putObject(b -> b.bucket(stateBucket).key("location_visits_poller_state.json"),
                RequestBody.fromString("{\"last_poll_date\": \"" + STORED + "\"}"));
        s3.putObject(b -> b.bucket(sitesBucket).key("site_ids.json"),
                RequestBody.fromString(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(sites)));
        String streamName = "LocationVisits-" + run;
        String streamArn = kinesis.createStream(streamName, 1);
        platform.enqueue(new MockResponse.Builder().code(200).body("{\"data\": {\"schema\": "
                + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                        LocationVisitsSchemas.bundled(RecordGeneration.CURRENT).toString()) + "}}").build());

        WarehouseTables qa = WarehouseTables.create(pg, "qa");
        // What earlier runs delivered: one healthy row of every site-day of the window, except the missing one;
        // the unhealthy site-day as ShopperTrak first answered it; the closed branch's unhealthy day.
        long id = 1;
        List<Visit> visits = new ArrayList<>();
        for (LocalDate day = YESTERDAY.minusDays(29); !day.isAfter(STORED); day = day.plusDays(1)) {
            for (String site : sites) {
                boolean special = (site.equals(missingSite) && day.equals(MISSING_DAY))
                        || (site.equals(unhealthySite) && day.equals(UNHEALTHY_DAY))
                        || (site.equals(closedSite) && day.equals(CLOSED_DAY));
                if (!special) {
                    visits.add(Visit.healthy(id++, site, day.atTime(12, 0), 5, 5));
                }
            }
        }
        List<TrafficRow> firstAnswer = firstAnswer(unhealthySite, UNHEALTHY_DAY);
        Map<LocalDateTime, Long> unhealthyIds = new HashMap<>();
        for (TrafficRow row : firstAnswer) {
            LocalDateTime start = LocalDateTime.parse(row.incrementStart());
            if (row.healthy()) {
                visits.add(Visit.healthy(id++, row.siteId(), start, row.enters(), row.exits()).orbit(row.orbit()));
            } else {
                unhealthyIds.put(start.plusNanos(row.orbit()), id);
                visits.add(Visit.unhealthy(id++, row.siteId(), start).orbit(row.orbit()));
            }
        }
        long closedRow = id++;
        visits.add(Visit.unhealthy(closedRow, closedSite, CLOSED_DAY.atTime(10, 0)));
        qa.visits(visits.toArray(new Visit[0]));
        // A closure's location_id meets the first two characters of a site ID, as today's poller matches it.
        String closedBranch = closedSite.substring(0, 2);
        qa.closure(closedBranch, CLOSED_DAY);
        for (String weekday : List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")) {
            qa.hours(healthySite.split(" ")[0], weekday, "09:00", "20:00");
        }
        qa.hours(healthySite.split(" ")[0], "Sunday", null, null);
        simulator.faults().busy(3); // BAD_DAY's allsites stays busy for all MAX_RETRIES attempts
        int requestsBefore = simulator.requestLog().count(); // not cleared: the log remembers what was served

        Path file = dir.resolve("production.yaml");
        Files.writeString(file, String.join("\n",
                "PLAINTEXT_VARIABLES:",
                "    AWS_REGION: us-east-1",
                "    REDSHIFT_DB_NAME: qa",
                "    REDSHIFT_DB_PORT: " + pg.getPort(),
                "    REDSHIFT_DB_SSLMODE: disable",
                "    SHOPPERTRAK_API_BASE_URL: " + simulator.baseUrl(ApiVersion.V2),
                "    LOCATION_VISITS_SCHEMA_URL: " + platform.url("/api/v0.1/current-schemas/LocationVisits"),
                "    S3_BUCKET: " + stateBucket,
                "    S3_RESOURCE: location_visits_poller_state.json",
                "    ALL_SITES_S3_BUCKET: " + sitesBucket,
                "    ALL_SITES_S3_RESOURCE: site_ids.json",
                "    DATA_LAKE_S3_BUCKET: " + lakeBucket,
                "    DATA_LAKE_S3_PATH: recovered_shoppertrak_visits_json/",
                "    KINESIS_BATCH_SIZE: 500",
                "    MAX_RETRIES: 3",
                "    RETRY_DELAY_SECONDS: 0",
                "    BAD_POLL_DATES:",
                "        - \"" + BAD_DAY + "\"",
                "ENCRYPTED_VARIABLES:",
                "    REDSHIFT_DB_HOST: " + kms.register("127.0.0.1"),
                "    REDSHIFT_DB_USER: " + kms.register("postgres"),
                "    REDSHIFT_DB_PASSWORD: " + kms.register(WarehouseTables.PASSWORD),
                "    SHOPPERTRAK_USERNAME: " + kms.register("lib-user"),
                "    SHOPPERTRAK_PASSWORD: " + kms.register(PASSWORD),
                "    KINESIS_STREAM_ARN: " + kms.register(streamArn),
                ""));

        RunSummary summary;
        ByteArrayOutputStream emf = new ByteArrayOutputStream();
        try (LogCapture logs = LogCapture.start()) {
            RunnerSettings settings = ConfigLoader.load(Map.of(), file, region -> new KmsDecryptor(kmsClient)::decrypt);
            summary = Wiring.runnerBuilder(settings, Wiring.Aws.of(s3, kinesis.client()), Clock.fixed(NOW, ZoneOffset.UTC))
                    .reporter(new EmfReporter(new java.io.PrintStream(emf, true, StandardCharsets.UTF_8),
                            Clock.fixed(NOW, ZoneOffset.UTC), streamName, "qa"))
                    .build().run();

            assertThat(logs.text()).contains("listed bad poll date").doesNotContain(PASSWORD)
                    .doesNotContain(WarehouseTables.PASSWORD);
        }

        assertThat(summary.exitCode()).isZero();
        assertThat(new S3OffsetStore(s3, stateBucket, "location_visits_poller_state.json").read()).contains(YESTERDAY);
        // allsites for the bad day (3 busy attempts) and yesterday, then one site call per recovered site-day
        assertThat(simulator.requestLog().count() - requestsBefore).isEqualTo(6);
        assertThat(summary.recovery().siteDaysRequeried()).isEqualTo(2);
        assertThat(summary.recovery().apiCalls()).isEqualTo(2);

        List<GenericRecord> sent = decode(kinesis.readAll(streamName));
        List<GenericRecord> daily = sent.stream().filter(r -> r.get("increment_start").toString()
                .startsWith(YESTERDAY.toString())).toList();
        assertThat(daily).hasSize(expectedRowCount(YESTERDAY, sites));
        assertThat(sent).allSatisfy(r -> {
            assertThat(r.get("is_fresh")).isEqualTo(true);
            assertThat(r.get("poll_date")).hasToString("2026-11-21");
            assertThat(r.get("increment_start").toString()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        });

        List<GenericRecord> recoveredUnhealthy = sent.stream().filter(r -> r.get("shoppertrak_site_id").toString()
                .equals(unhealthySite) && r.get("increment_start").toString().startsWith(UNHEALTHY_DAY.toString()))
                .toList();
        assertThat(recoveredUnhealthy).hasSize(unhealthyIds.size()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("is_healthy_data")).isEqualTo(true));
        for (long stale : unhealthyIds.values()) {
            assertThat(qa.isFresh(stale)).as("row %d replaced by a recovered one", stale).isFalse();
        }
        assertThat(qa.isFresh(closedRow)).as("a closed branch's day is not recovered").isTrue();

        List<GenericRecord> recoveredMissing = sent.stream().filter(r -> r.get("shoppertrak_site_id").toString()
                .equals(missingSite) && r.get("increment_start").toString().startsWith(MISSING_DAY.toString()))
                .toList();
        assertThat(recoveredMissing).hasSize(simulator.traffic().expectedRows(MISSING_DAY, missingSite).size());

        assertEmfLines(emf.toString(StandardCharsets.UTF_8), streamName, expectedRowCount(YESTERDAY, sites));

        List<String> lake = s3.listObjectsV2Paginator(b -> b.bucket(lakeBucket)).contents().stream()
                .map(S3Object::key).sorted().toList();
        assertThat(lake).hasSize(3).allSatisfy(key -> assertThat(key).startsWith("recovered_shoppertrak_visits_json/")
                .endsWith(".xml.gz"));
        assertThat(lake).anySatisfy(key -> assertThat(key).startsWith("recovered_shoppertrak_visits_json/2026/11/20/"));
        String yesterdayAnswer = gunzip(s3.getObjectAsBytes(b -> b.bucket(lakeBucket).key(lake.stream()
                .filter(k -> k.contains("/2026/11/20/")).findFirst().orElseThrow())).asByteArray());
        assertThat(yesterdayAnswer).contains("dateValue=\"20261120\"").contains("siteID=\"" + healthySite + "\"");
    }

    /** METRICS_FORMAT=emf: one CloudWatch Embedded Metric Format line per delivered day, one for the run. */
    private static void assertEmfLines(String output, String stream, int dailyRows) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<com.fasterxml.jackson.databind.JsonNode> lines = new ArrayList<>();
        for (String line : output.split("\n")) {
            lines.add(json.readTree(line));
        }
        assertThat(lines).hasSize(2);
        for (var line : lines) {
            var directive = line.path("_aws").path("CloudWatchMetrics").get(0);
            assertThat(line.path("_aws").path("Timestamp").asLong()).isEqualTo(NOW.toEpochMilli());
            assertThat(directive.path("Namespace").asText()).isEqualTo("LocationVisits");
            assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"Stream\",\"Environment\"]]");
            assertThat(line.path("Stream").asText()).isEqualTo(stream);
            assertThat(line.path("Environment").asText()).isEqualTo("qa");
            directive.path("Metrics").forEach(m -> assertThat(line.has(m.path("Name").asText()))
                    .as("value of %s", m.path("Name")).isTrue());
        }
        assertThat(lines.get(0).path("Day").asText()).isEqualTo(YESTERDAY.toString());
        assertThat(lines.get(0).path("RowsDelivered").asInt()).isEqualTo(dailyRows);
        assertThat(lines.get(1).path("DaysBehind").asLong()).isZero();
        assertThat(lines.get(1).path("RowsRecovered").asLong()).isPositive();
        assertThat(lines.get(1).path("RunFailed").asInt()).isZero();
        assertThat(lines.get(1).path("ShopperTrakCalls").asInt()).isEqualTo(6);
    }

    /** Marks the site-day served, so the simulator's later answers for it carry the late correction. */
    private static List<TrafficRow> firstAnswer(String site, LocalDate day) {
        ShopperTrakClient client = new ShopperTrakClient(ShopperTrakSettings.defaults(
                simulator.baseUrl(ApiVersion.V2), "lib-user", PASSWORD).withVersion(ApiVersion.V2), Sleeper.SYSTEM);
        DayResult.Rows rows = (DayResult.Rows) client.site(day, site);
        assertThat(rows.rows()).anySatisfy(r -> assertThat(r.healthy()).isFalse());
        return rows.rows();
    }

    private static int expectedRowCount(LocalDate day, List<String> sites) {
        return sites.stream().mapToInt(site -> simulator.traffic().expectedRows(day, site).size()).sum();
    }

    private static List<GenericRecord> decode(List<KinesisEntry> entries) throws Exception {
        List<GenericRecord> records = new ArrayList<>();
        var schema = LocationVisitsSchemas.bundled(RecordGeneration.CURRENT);
        var reader = new org.apache.avro.generic.GenericDatumReader<GenericRecord>(schema);
        for (KinesisEntry entry : entries) {
            records.add(reader.read(null, org.apache.avro.io.DecoderFactory.get().binaryDecoder(entry.data(), null)));
        }
        return records;
    }

    private static String gunzip(byte[] bytes) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
