package org.locationvisits.report;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.locationvisits.calendar.CalendarException;
import org.locationvisits.calendar.CalendarSource;
import org.locationvisits.calendar.LocationCalendar;
import org.locationvisits.datalake.DataLakeReader;
import org.locationvisits.recovery.SiteList;
import org.locationvisits.warehouse.Warehouse;
import org.locationvisits.warehouse.WarehouseException;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * How complete the ShopperTrak data of a range is, from the data-lake archive alone (no ShopperTrak call):
 * the terminal table, and the heat map page when asked for.
 */
public final class ReportJob {
    /** Days read at once: each day is one S3 listing plus its answers' downloads and parsing. */
    public static final int THREADS = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors() * 2));

    private ReportJob() {
    }

    /**
     * @return the exit status: 0 the report was made, 1 the archive holds nothing for the range
     * @throws IllegalStateException when S3, the warehouse or the calendar fails, or the page cannot be written:
     *                               a start-up problem, one line
     */
    public static int make(LocalDate from, LocalDate to, Optional<Path> html, ReportSources sources, S3Client s3,
                           PrintStream out, PrintStream err) {
        long started = System.nanoTime();
        try {
            LocationCalendar calendar = calendar(sources, () -> s3);
            List<String> listed = sources.allSitesBucket().isBlank() ? List.of()
                    : SiteList.load(s3, sources.allSitesBucket(), sources.allSitesResource()).siteIds();
            DataLakeReader lake = new DataLakeReader(s3, sources.dataLakeBucket(), sources.dataLakePath());
            CompletenessReport report = new ReportBuilder(lake, calendar, listed, THREADS).build(from, to);
            if (report.rows().isEmpty()) {
                err.println("error: " + lake.location() + " holds no answer from " + from + " to " + to);
                return 1;
            }
            TerminalReport.print(report, out);
            if (html.isPresent()) {
                writeHtml(report, html.get());
                err.println("Heat map written to " + html.get());
            }
            err.printf("Report made in %.1f s%n", (System.nanoTime() - started) / 1e9);
            return 0;
        } catch (SdkException e) {
            throw new IllegalStateException("S3 failed while reading the archive: " + e.getMessage(), e);
        } catch (CalendarException | WarehouseException | IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static LocationCalendar calendar(ReportSources sources, Supplier<S3Client> s3) {
        if (sources.warehouse().isPresent()) {
            try (Warehouse warehouse = new Warehouse(sources.warehouse().get())) {
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
}
