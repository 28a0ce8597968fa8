package org.locationvisits.cli;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

import org.locationvisits.avro.LocationVisitsEncoder;
import org.locationvisits.calendar.LocationCalendar;
import org.locationvisits.calendar.MissingDataRule;
import org.locationvisits.common.Sleeper;
import org.locationvisits.config.Purpose;
import org.locationvisits.config.RunnerSettings;
import org.locationvisits.shoppertrak.DayResult;
import org.locationvisits.shoppertrak.TrafficRow;
import org.locationvisits.record.DayRecords;
import org.locationvisits.shoppertrak.DayFailure;
import org.locationvisits.runner.Wiring;
import org.locationvisits.source.ConfiguredServices;
import org.locationvisits.source.SourceConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fetch --date D [--site ID]}: asks ShopperTrak for one day and prints each row as one JSON object,
 * exactly as it would be encoded for the stream (the bytes are decoded back with the schema).
 */
@Command(name = "fetch", description = "print one day's rows as JSON lines, as they would be sent")
public final class FetchCommand implements Callable<Integer> {
    @Mixin
    private HelpOption help;
    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "the day to ask for")
    LocalDate date;
    @Option(names = "--site", paramLabel = "ID", description = "one site only (default: every site)")
    String site;
    @Mixin
    private ConfigOption config;
    private final Context context;

    FetchCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        RunnerSettings settings = context.settings(config.path, Purpose.FETCH);
        LocationVisitsEncoder encoder = Wiring.encoder(settings);
        Wiring.Aws aws = context.aws().apply(settings.awsRegion());
        // The same services as the main job: the current generation's is_missing_data needs the calendar.
        try (ConfiguredServices services = new ConfiguredServices(Wiring.sourceConfig(settings), Sleeper.SYSTEM,
                aws::s3, encoder.generation())) {
            DayResult result = site == null ? services.shopperTrak().allSites(date)
                    : services.shopperTrak().site(date, site);
            if (!(result instanceof DayResult.Rows rows)) {
                context.err().println("error: " + DayFailure.of(result).reason());
                return 1;
            }
            MissingDataRule missing = new MissingDataRule(services.calendar());
            String pollDate = LocalDate.now(context.clock().withZone(SourceConfig.ZONE)).toString();
            print(rows.rows(), pollDate, encoder, missing, context.out());
            context.err().printf("%d rows for %s (%d API call(s))%n", rows.rows().size(), date, rows.apiCalls());
            return 0;
        }
    }

    /** First-generation rows, or current-generation ones with hours unknown. */
    public static void print(List<TrafficRow> rows, String pollDate, LocationVisitsEncoder encoder, PrintStream out) {
        print(rows, pollDate, encoder, new MissingDataRule(LocationCalendar.empty()), out);
    }

    static void print(List<TrafficRow> rows, String pollDate, LocationVisitsEncoder encoder, MissingDataRule missing,
                      PrintStream out) {
        AvroJson json = new AvroJson(encoder.schema());
        StringBuilder line = new StringBuilder(256);
        for (TrafficRow row : rows) {
            line.setLength(0);
            json.append(encoder.encode(DayRecords.visit(row, false, pollDate, encoder.generation(), missing)), line);
            out.println(line);
        }
        out.flush();
    }
}
