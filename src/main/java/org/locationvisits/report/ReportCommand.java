package org.locationvisits.report;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.locationvisits.calendar.CalendarException;
import org.locationvisits.calendar.CalendarSource;
import org.locationvisits.calendar.LocationCalendar;
import org.locationvisits.config.RecoverySettings;
import org.locationvisits.config.RunnerSettings;
import org.locationvisits.datalake.DataLakeReader;
import org.locationvisits.recovery.SiteList;
import org.locationvisits.runner.UsageException;
import org.locationvisits.warehouse.Warehouse;
import org.locationvisits.warehouse.WarehouseException;
import org.locationvisits.warehouse.WarehouseSettings;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code report --from D1 --to D2 [--html FILE] [--config FILE]}: how complete the ShopperTrak data of a range is,
 * from the data-lake archive alone (no ShopperTrak call). Configured like the main job; it reads
 * {@code DATA_LAKE_S3_*}, and for closures and the calendar rule the warehouse ({@code REDSHIFT_DB_*}) or
 * {@code LOCATION_CALENDAR}, and the all-sites list ({@code ALL_SITES_S3_*}) when set.
 */
public final class ReportCommand {
    /** Days read at once: each day is one S3 listing plus its answers' downloads and parsing. */
    public static final int THREADS = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors() * 2));

    private ReportCommand() {
    }

    /**
     * @param settings the configuration for the value of {@code --config} (null: the environment's)
     * @param s3       the S3 client for the configured region; the command closes it
     * @return the exit status: 0 the report was made
     */
    public static int run(String[] args, Function<String, RunnerSettings> settings, Function<String, S3Client> s3,
                          PrintStream out, PrintStream err) {
        Map<String, String> options = options(args);
        LocalDate from = date(options, "from");
        LocalDate to = date(options, "to");
        if (to.isBefore(from)) {
            throw new UsageException("--to " + to + " is before --from " + from);
        }
        RunnerSettings config = settings.apply(options.get("config"));
        RecoverySettings sources = config.recovery();
        if (sources.dataLakeBucket().isBlank()) {
            throw new IllegalStateException("report reads the data-lake archive: set DATA_LAKE_S3_BUCKET (and "
                    + "DATA_LAKE_S3_PATH) as for the main job");
        }
        long started = System.nanoTime();
        try (S3Client client = s3.apply(config.awsRegion())) {
            LocationCalendar calendar = calendar(sources, () -> client);
            List<String> listed = sources.allSitesBucket().isBlank() ? List.of()
                    : SiteList.load(client, sources.allSitesBucket(), sources.allSitesResource()).siteIds();
            DataLakeReader lake = new DataLakeReader(client, sources.dataLakeBucket(), sources.dataLakePath());
            CompletenessReport report = new ReportBuilder(lake, calendar, listed, THREADS).build(from, to);
            if (report.rows().isEmpty()) {
                err.println("error: " + lake.location() + " holds no answer from " + from + " to " + to);
                return 1;
            }
            TerminalReport.print(report, out);
            if (options.containsKey("html")) {
                writeHtml(report, Path.of(options.get("html")));
                err.println("Heat map written to " + options.get("html"));
            }
            err.printf("Report made in %.1f s%n", (System.nanoTime() - started) / 1e9);
            return 0;
        } catch (SdkException e) {
            throw new IllegalStateException("S3 failed while reading the archive: " + e.getMessage(), e);
        } catch (CalendarException | WarehouseException | IllegalArgumentException e) {
            // Main reports IllegalStateException as a start-up problem: one line, exit status 2.
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static LocationCalendar calendar(RecoverySettings sources, Supplier<S3Client> s3) {
        if (!sources.redshiftHost().isBlank()) {
            try (Warehouse warehouse = new Warehouse(new WarehouseSettings(sources.redshiftHost(),
                    sources.redshiftPort(), sources.redshiftName(), sources.redshiftUser(), sources.redshiftPassword(),
                    sources.redshiftSslMode()))) {
                return warehouse.calendar();
            }
        }
        if (!sources.locationCalendar().isBlank()) {
            return CalendarSource.load(sources.locationCalendar(), s3);
        }
        return LocationCalendar.empty();
    }

    private static void writeHtml(CompletenessReport report, Path file) {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            HtmlReport.write(report, writer);
        } catch (IOException e) {
            throw new IllegalStateException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> options(String[] args) {
        Set<String> allowed = Set.of("from", "to", "html", "config");
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !allowed.contains(name)) {
                throw new UsageException("report: unknown argument '" + args[i] + "'");
            }
            if (i + 1 >= args.length) {
                throw new UsageException("report: option --" + name + " needs a value");
            }
            options.put(name, args[++i]);
        }
        return options;
    }

    private static LocalDate date(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new UsageException("report needs --from YYYY-MM-DD and --to YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException("--" + name + " must be YYYY-MM-DD, got '" + value + "'");
        }
    }
}
