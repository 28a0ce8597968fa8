package org.locationvisits.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

import org.locationvisits.calendar.LocationCalendar;
import org.locationvisits.cli.Context;
import org.locationvisits.cli.Main;
import org.locationvisits.common.AwsClients;
import org.locationvisits.config.ConfigLoader;
import org.locationvisits.config.Purpose;
import org.locationvisits.datalake.DataLakeArchive;
import org.locationvisits.datalake.DataLakeReader;
import org.locationvisits.devstack.S3rver;
import org.locationvisits.runner.Wiring;
import org.locationvisits.shoppertrak.ApiVersion;
import org.locationvisits.shoppertrak.RawAnswer;
import org.locationvisits.shoppertrak.simulator.SimulatedTraffic;
import org.locationvisits.report.ReportJob;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The {@code report} command over {@code sites} x {@code days} of archived answers on s3rver (default 90 x 365, the
 * year 2026): one allsites answer a day written by the simulator without HTTP, gzip-compressed and stored under
 * DataLakeArchive's keys; two sites missing from allsites, answered by a site request every third day; closures
 * (three holidays for all, one branch every Sunday) from a LOCATION_CALENDAR document. Times the S3 listing alone,
 * then the whole command (listing, download, parse, aggregation, terminal table, HTML page) twice.
 * Run through {@code scripts/benchmark report [sites] [days] [html file]}.
 */
public final class ReportBenchmark {
    private static final LocalDate FIRST = LocalDate.of(2026, 1, 1);

    private ReportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int sites = args.length > 0 ? Integer.parseInt(args[0]) : 90;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 365;
        Path html = Path.of(args.length > 2 ? args[2] : "target/report-benchmark.html");
        List<String> missing = new SimulatedTraffic(sites, 1).siteIds().subList(sites - 2, sites);
        SimulatedTraffic traffic = new SimulatedTraffic(sites, 1, 0, missing);
        LocalDate last = FIRST.plusDays(days - 1);
        try (S3rver s3rver = S3rver.start();
             S3Client s3 = AwsClients.s3("us-east-1", s3rver.endpoint(), S3rver.ACCESS_KEY_ID, S3rver.SECRET_ACCESS_KEY)) {
            s3rver.createBucket("lake");
            long t0 = System.nanoTime();
            long bytes = archive(new DataLakeArchive(s3, "lake", "shoppertrak/"), traffic, missing, days);
            System.out.printf("archive: %d days x %d sites, %.1f MB gzip, written in %.1f s%n", days, sites,
                    bytes / 1e6, (System.nanoTime() - t0) / 1e9);
            s3.putObject(b -> b.bucket("lake").key("calendar.yaml"), RequestBody.fromString(calendar(traffic, days)));

            DataLakeReader reader = new DataLakeReader(s3, "lake", "shoppertrak/");
            t0 = System.nanoTime();
            int answers = FIRST.datesUntil(last.plusDays(1)).mapToInt(d -> reader.answers(d).size()).sum();
            System.out.printf("S3 listing alone (one LIST a day, sequential): %d answers in %.2f s%n", answers,
                    (System.nanoTime() - t0) / 1e9);

            Map<String, String> env = Map.of("DATA_LAKE_S3_BUCKET", "lake", "DATA_LAKE_S3_PATH", "shoppertrak/",
                    "LOCATION_CALENDAR", "s3://lake/calendar.yaml", "LOG_LEVEL", "warning");
            for (int run = 1; run <= 2; run++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                t0 = System.nanoTime();
                Context context = new Context(env, region -> Wiring.Aws.of(AwsClients.s3(region, s3rver.endpoint(),
                        S3rver.ACCESS_KEY_ID, S3rver.SECRET_ACCESS_KEY), null), Clock.systemUTC(),
                        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
                int status = Main.run(context, "report", "--from", FIRST.toString(), "--to", last.toString(),
                        "--html", html.toString());
                System.out.printf("report run %d: exit %d, %.1f s (%d threads), terminal %d lines, page %.1f MB%n",
                        run, status, (System.nanoTime() - t0) / 1e9, ReportJob.THREADS,
                        out.toString(StandardCharsets.UTF_8).split("\n").length, Files.size(html) / 1e6);
                if (run == 2) {
                    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
                    for (int i = 0; i < Math.min(8, lines.length); i++) {
                        System.out.println("  " + lines[i]);
                    }
                    System.out.println("  ...");
                    System.out.println("  " + lines[lines.length - 1]);
                }
            }
        }
    }

    private static long archive(DataLakeArchive archive, SimulatedTraffic traffic, List<String> missing, int days)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Long>> futures = FIRST.datesUntil(FIRST.plusDays(days)).map(day -> pool.submit(() -> {
                Instant fetched = day.plusDays(1).atTime(6, 15).toInstant(java.time.ZoneOffset.UTC);
                byte[] all = gzip(w -> traffic.writeAllSites(day, ApiVersion.V2, w));
                archive.store(day, new RawAnswer(null, fetched, all));
                long size = all.length;
                if (day.getDayOfYear() % 3 == 0) {
                    for (String site : missing) {
                        byte[] one = gzip(w -> traffic.writeSite(day, site, ApiVersion.V2, w));
                        archive.store(day, new RawAnswer(site, fetched.plusSeconds(60), one));
                        size += one.length;
                    }
                }
                return size;
            })).toList();
            long total = 0;
            for (Future<Long> f : futures) {
                total += f.get();
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    interface Body {
        void write(Writer w) throws IOException;
    }

    private static byte[] gzip(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(bytes, 1 << 16), StandardCharsets.UTF_8)) {
            body.write(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String calendar(SimulatedTraffic traffic, int days) {
        StringBuilder doc = new StringBuilder("hours:\n");
        String branch = LocationCalendar.branchOf(traffic.siteIds().get(0));
        for (DayOfWeek d : DayOfWeek.values()) {
            doc.append("  - {location_id: ").append(branch).append(", weekday: ")
                    .append(d.getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH))
                    .append(", regular_open: \"09:00\", regular_close: \"20:00\"}\n");
        }
        doc.append("closures:\n");
        for (String holiday : List.of("2026-01-01", "2026-07-04", "2026-12-25")) {
            doc.append("  - {location_id: null, closure_date: \"").append(holiday).append("\"}\n");
        }
        String sundays = LocationCalendar.branchOf(traffic.siteIds().get(1));
        FIRST.datesUntil(FIRST.plusDays(days)).filter(d -> d.getDayOfWeek() == DayOfWeek.SUNDAY).forEach(d ->
                doc.append("  - {location_id: ").append(sundays).append(", closure_date: \"").append(d).append("\"}\n"));
        return doc.toString();
    }
}
