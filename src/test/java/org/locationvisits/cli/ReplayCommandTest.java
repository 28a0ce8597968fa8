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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationvisits.avro.LocationVisit;
import org.locationvisits.avro.LocationVisitsEncoder;
import org.locationvisits.avro.LocationVisitsSchemas;
import org.locationvisits.avro.RecordGeneration;
import org.locationvisits.calendar.CalendarDocument;
import org.locationvisits.calendar.MissingDataRule;
import org.locationvisits.config.ConfigurationException;
import org.locationvisits.kinesis.KinesisEntry;
import org.locationvisits.runner.Wiring;
import org.locationvisits.shoppertrak.TrafficRow;

/**
 * {@code replay} on the real stand-ins: answers the simulator served, stored by {@code DataLakeArchive} in s3rver,
 * sent again to kinesis-local. The S3 client records every request, so the state object is provably untouched.
 */
class ReplayCommandTest {
    private static final LocalDate D1 = LocalDate.of(2024, 3, 25);
    private static final LocalDate D2 = D1.plusDays(1);
    /** 02:30 UTC on D1+1 is 22:30 on D1 in New York: poll_date must be D1, not the UTC date. */
    private static final Instant FETCHED = Instant.parse("2024-03-26T02:30:00.000Z");
    private static final AtomicInteger runs = new AtomicInteger();
    private static ReplayStandIns stand;

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private String prefix;
    private String stream;
    private Map<String, String> env;

    @BeforeAll
    static void start() throws IOException {
        stand = ReplayStandIns.start();
    }

    @AfterAll
    static void stop() {
        if (stand != null) {
            stand.close();
        }
    }

    @BeforeEach
    void freshLakeAndStream() {
        int run = runs.incrementAndGet();
        prefix = "raw" + run + "/";
        stream = "replay-" + run;
        String arn = stand.kinesis().createStream(stream, 1);
        env = new HashMap<>(Map.of(
                "SHOPPERTRAK_API_BASE_URL", stand.simulator().baseUrl(),
                "DATA_LAKE_S3_BUCKET", ReplayStandIns.LAKE, "DATA_LAKE_S3_PATH", prefix,
                "S3_BUCKET", ReplayStandIns.STATE, "S3_RESOURCE", ReplayStandIns.STATE_KEY,
                "KINESIS_STREAM_ARN", arn,
                "LOCATION_VISITS_SCHEMA_URL", "bundled:first"));
    }

    private int replay(String... args) {
        stand.s3Requests().clear();
        stand.simulator().requestLog().clear();
        String[] line = new String[args.length + 1];
        line[0] = "replay";
        System.arraycopy(args, 0, line, 1, args.length);
        return Main.run(new Context(env, region -> Wiring.Aws.of(stand.s3(), stand.kinesis().client()),
                Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), line);
    }

    private List<KinesisEntry> arrived() {
        return stand.kinesis().readAll(stream);
    }

    private static LocationVisitsEncoder encoder(RecordGeneration generation) {
        return new LocationVisitsEncoder(LocationVisitsSchemas.bundled(generation));
    }

    private static List<String> json(LocationVisitsEncoder encoder, List<KinesisEntry> entries) {
        AvroJson json = new AvroJson(encoder.schema());
        List<String> lines = new ArrayList<>();
        for (KinesisEntry entry : entries) {
            StringBuilder line = new StringBuilder();
            json.append(entry.data(), line);
            lines.add(line.toString());
        }
        return lines;
    }

    private static List<String> fetchPrints(List<TrafficRow> rows, String pollDate, LocationVisitsEncoder encoder,
                                            MissingDataRule missing) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream to = new PrintStream(printed, true, StandardCharsets.UTF_8);
        if (missing == null) {
            FetchCommand.print(rows, pollDate, encoder, to);
        } else {
            FetchCommand.print(rows, pollDate, encoder, missing, to);
        }
        return printed.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static List<byte[]> bytes(List<KinesisEntry> entries) {
        return entries.stream().map(KinesisEntry::data).toList();
    }

    private static List<byte[]> encoded(LocationVisitsEncoder encoder, List<TrafficRow> rows, boolean recovery,
                                        String pollDate) {
        return rows.stream().map(r -> encoder.encode(LocationVisit.of(r, recovery, pollDate))).toList();
    }

    @Test
    void sendsTheArchivedDaysAsFetchWouldPrintThemWithNoShopperTrakCallAndTheOffsetUntouched() {
        List<TrafficRow> day1 = stand.archive(prefix, D1, null, FETCHED);
        List<TrafficRow> day2 = stand.archive(prefix, D2, null, FETCHED.plusSeconds(86_400));
        String stateBefore = stand.state();

        assertThat(replay("--from", D1.toString(), "--to", D2.toString())).isZero();

        LocationVisitsEncoder encoder = encoder(RecordGeneration.FIRST);
        List<String> expected = new ArrayList<>(fetchPrints(day1, "2024-03-25", encoder, null));
        expected.addAll(fetchPrints(day2, "2024-03-26", encoder, null));
        List<KinesisEntry> arrived = arrived();
        assertThat(json(encoder, arrived)).containsExactlyElementsOf(expected);
        List<byte[]> expectedBytes = new ArrayList<>(encoded(encoder, day1, false, "2024-03-25"));
        expectedBytes.addAll(encoded(encoder, day2, false, "2024-03-26"));
        assertThat(bytes(arrived)).containsExactlyElementsOf(expectedBytes);
        assertThat(arrived.get(0).partitionKey()).isEqualTo(LocationVisit.of(day1.get(0), false, "x").key());
        assertThat(stand.simulator().requestLog().count()).isZero();
        assertThat(stand.s3Requests()).isNotEmpty().noneMatch(path -> path.startsWith("/" + ReplayStandIns.STATE));
        assertThat(stand.state()).isEqualTo(stateBefore);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains(D1 + ": " + day1.size() + " rows from 1 answer(s)")
                .contains(D2 + ": " + day2.size() + " rows from 1 answer(s)")
                .contains("2 day(s), " + (day1.size() + day2.size()) + " rows sent, 0 ShopperTrak calls");
    }

    @Test
    void refusesARangeWithDaysTheArchiveLacksListingThemAndSendsNothing() {
        LocalDate d3 = D1.plusDays(2);
        LocalDate d4 = D1.plusDays(3);
        stand.archive(prefix, D1, null, FETCHED);
        stand.archive(prefix, D2, "aa lib", FETCHED.plusSeconds(86_400));
        stand.archive(prefix, d4, null, FETCHED.plusSeconds(3 * 86_400));

        assertThat(replay("--from", D1.toString(), "--to", d4.toString())).isEqualTo(2);

        String error = err.toString(StandardCharsets.UTF_8);
        assertThat(error).contains("refused, nothing sent: 2 day(s)")
                .contains(D2 + " (no allsites answer (1 site answer(s) only))")
                .contains(d3 + " (no archived answer)")
                .doesNotContain(D1 + " (").doesNotContain(d4 + " (");
        assertThat(arrived()).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void withASiteSendsOnlyThatSitesRows() {
        List<TrafficRow> all = stand.archive(prefix, D1, null, FETCHED);
        List<TrafficRow> bronx = all.stream().filter(r -> r.siteId().equals("bronx lib")).toList();
        assertThat(bronx).isNotEmpty().hasSizeLessThan(all.size());

        assertThat(replay("--from", D1.toString(), "--to", D1.toString(), "--site", "bronx lib")).isZero();

        LocationVisitsEncoder encoder = encoder(RecordGeneration.FIRST);
        assertThat(bytes(arrived())).containsExactlyElementsOf(encoded(encoder, bronx, false, "2024-03-25"));
    }

    @Test
    void aLaterSiteAnswerReplacesThatSitesAllSitesRowsAsRecoveryData() {
        List<TrafficRow> all = stand.archive(prefix, D1, null, FETCHED);
        Instant recoveredAt = FETCHED.plusSeconds(2 * 86_400);
        stand.simulator().faults().lateCorrections(true);
        List<TrafficRow> corrected = stand.archive(prefix, D1, "aa lib", recoveredAt);
        stand.simulator().faults().lateCorrections(false);
        List<TrafficRow> aaFromAllSites = all.stream().filter(r -> r.siteId().equals("aa lib")).toList();
        assertThat(corrected).hasSameSizeAs(aaFromAllSites).isNotEqualTo(aaFromAllSites);

        assertThat(replay("--from", D1.toString(), "--to", D1.toString())).isZero();

        LocationVisitsEncoder encoder = encoder(RecordGeneration.FIRST);
        List<byte[]> expected = new ArrayList<>(encoded(encoder,
                all.stream().filter(r -> !r.siteId().equals("aa lib")).toList(), false, "2024-03-25"));
        expected.addAll(encoded(encoder, corrected, true, "2024-03-27"));
        assertThat(bytes(arrived())).containsExactlyElementsOf(expected);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(all.size() + " rows from 2 answer(s)");
    }

    @Test
    void dryRunParsesAndEncodesEveryDayButSendsNothing() {
        List<TrafficRow> day1 = stand.archive(prefix, D1, null, FETCHED);

        assertThat(replay("--dry-run", "--from", D1.toString(), "--to", D1.toString())).isZero();
        env.remove("KINESIS_STREAM_ARN");
        assertThat(replay("--from", D1.toString(), "--to", D1.toString(), "--dry-run")).isZero();

        assertThat(arrived()).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(D1 + ": " + day1.size() + " rows from 1 answer(s)").contains("not sent (dry run)")
                .contains("Dry run complete: 1 day(s), " + day1.size() + " rows parsed and encoded, nothing sent");
    }

    @Test
    void currentGenerationMarksMissingDataByTheConfiguredCalendar() throws IOException {
        List<TrafficRow> day1 = stand.archive(prefix, D1, null, FETCHED);
        Path calendar = dir.resolve("calendar.yaml");
        StringBuilder hours = new StringBuilder("hours:\n");
        for (String branch : List.of("aa", "bronx")) {
            for (String weekday : List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                    "Sunday")) {
                hours.append("  - {location_id: ").append(branch).append(", weekday: ").append(weekday)
                        .append(", regular_open: \"09:00\", regular_close: \"20:00\"}\n");
            }
        }
        Files.writeString(calendar, hours);
        env.put("LOCATION_VISITS_SCHEMA_URL", "bundled:current");
        env.put("LOCATION_CALENDAR", calendar.toString());

        assertThat(replay("--from", D1.toString(), "--to", D1.toString())).isZero();

        LocationVisitsEncoder encoder = encoder(RecordGeneration.CURRENT);
        MissingDataRule rule = new MissingDataRule(CalendarDocument.parse(Files.readAllBytes(calendar), "test"));
        List<String> expected = fetchPrints(day1, "2024-03-25", encoder, rule);
        // The calendar matters: some rows are missing data, and some unhealthy empty ones are not (at night).
        assertThat(expected).anyMatch(l -> l.contains("\"is_missing_data\":true"));
        assertThat(fetchPrints(day1, "2024-03-25", encoder, new MissingDataRule(
                org.locationvisits.calendar.LocationCalendar.empty()))).isNotEqualTo(expected);
        assertThat(json(encoder, arrived())).containsExactlyElementsOf(expected)
                .allMatch(l -> l.contains("\"is_fresh\":true"));
    }

    @Test
    void stopsAtAnAnswerItCannotReadNamingItAndKeepsTheDaysBeforeItSent() {
        List<TrafficRow> day1 = stand.archive(prefix, D1, null, FETCHED);
        String broken = prefix + "2024/03/26/allsites_20240327T023000.000Z.xml.gz";
        stand.s3().putObject(b -> b.bucket(ReplayStandIns.LAKE).key(broken),
                software.amazon.awssdk.core.sync.RequestBody.fromString("<not gzip/>"));

        assertThat(replay("--from", D1.toString(), "--to", D2.toString())).isEqualTo(1);

        assertThat(arrived()).hasSize(day1.size());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("replay stopped at " + D2).contains(broken)
                .contains("the 1 day(s) before it were sent").contains("Replay " + D2 + ".." + D2 + " again");
    }

    @Test
    void needsTheDataLakeBucketButNeitherShopperTrakCredentialsNorTheState() {
        env.remove("DATA_LAKE_S3_BUCKET");
        assertThat(replay("--from", D1.toString(), "--to", D1.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("DATA_LAKE_S3_BUCKET is required");

        env.put("DATA_LAKE_S3_BUCKET", ReplayStandIns.LAKE);
        env.remove("S3_BUCKET");
        env.remove("S3_RESOURCE");
        stand.archive(prefix, D1, null, FETCHED);
        assertThat(replay("--from", D1.toString(), "--to", D1.toString())).isZero();

        env.remove("KINESIS_STREAM_ARN");
        err.reset();
        assertThat(replay("--from", D1.toString(), "--to", D1.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Configuration is not valid")
                .contains("KINESIS_STREAM_ARN");
    }

    @Test
    void refusesABackwardOrIncompleteRange() {
        assertThat(replay("--from", D2.toString(), "--to", D1.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("must not be before");
        err.reset();
        assertThat(replay("--from", D1.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Missing required option").contains("--to");
        err.reset();
        assertThat(replay("--from", "25/03/2024", "--to", D1.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'--from'").contains("YYYY-MM-DD");
        assertThat(arrived()).isEmpty();
    }
}
